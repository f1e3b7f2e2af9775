/** Every CLI command, in the order `--help` lists them. */
import type { CliCommand } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { modelCommand } from './model';
import { newCommand } from './new';
import { rulesCommand } from './rules';
import { simulateCommand } from './simulate';
import { solveMaxMinCommand } from './solve-maxmin';
import { validateCommand } from './validate';

export const COMMANDS: readonly CliCommand[] = [
  newCommand,
  infoCommand,
  exportCommand,
  importCommand,
  validateCommand,
  rulesCommand,
  simulateCommand,
  solveMaxMinCommand,
  modelCommand,
];
