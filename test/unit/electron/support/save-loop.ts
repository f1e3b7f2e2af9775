/**
 * Child process of the kill-during-save test: saves generation after generation of a large design over
 * one project file until it is killed, printing "saved <n>" after each save completes.
 *
 *   node --import tsx save-loop.ts <target> <hosts>
 */
import { saveProject } from '../../../../electron/project/store';
import { largeDesign } from './large-design';

const [target, hostsArg] = process.argv.slice(2);
const hosts = Number(hostsArg);
if (!target || !Number.isInteger(hosts) || hosts < 1) {
  process.stderr.write('usage: save-loop.ts <target> <hosts>\n');
  process.exit(2);
}
process.stdout.write('ready\n');
for (let n = 1; ; n++) {
  saveProject(target, largeDesign({ hosts, tag: `gen-${n}` }));
  process.stdout.write(`saved ${n}\n`);
}
