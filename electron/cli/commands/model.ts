/** `rackplane model`: the simulator's closed-form models, without a design (migration, PCIe bandwidth). */
import { defineGroup } from '../command';
import { modelMigrationCommand } from './model-migration';
import { modelPcieCommand } from './model-pcie';

export const modelCommand = defineGroup({
  usage: 'model',
  summary: 'run one of the simulator models on numbers you give (migration, pcie)',
  subcommands: [modelMigrationCommand, modelPcieCommand],
  help: `
Examples:
  rackplane model migration --memory 4GiB --bandwidth 10Gbps --dirty-rate 2Gbps
  rackplane model pcie --gen 3 --width 8
`,
});
