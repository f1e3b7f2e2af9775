/** Every CLI command, in the order `--help` lists them. */
import type { CliCommand } from '../command';
import { adviseCommand } from './advise';
import { catalogCommand } from './catalog';
import { exportCommand } from './export';
import { generateCommand } from './generate';
import { importCommand } from './import';
import { infoCommand } from './info';
import { modelCommand } from './model';
import { newCommand } from './new';
import { reportCommand } from './report';
import { rulesCommand } from './rules';
import { scenarioCommand } from './scenario';
import { simulateCommand } from './simulate';
import { solveMaxMinCommand } from './solve-maxmin';
import { validateCommand } from './validate';
import { whatIfCommand } from './whatif';

export const COMMANDS: readonly CliCommand[] = [
  newCommand,
  infoCommand,
  exportCommand,
  generateCommand,
  importCommand,
  reportCommand,
  validateCommand,
  rulesCommand,
  simulateCommand,
  scenarioCommand,
  whatIfCommand,
  adviseCommand,
  solveMaxMinCommand,
  modelCommand,
  catalogCommand,
];
