// Placeholder CLI entry; replaced by the commander implementation.
process.stdout.write('rackplane\n');
