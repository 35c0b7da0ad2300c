import type { Command } from 'commander';
import { registerAnomalies } from './anomalies.js';
import { registerChannels } from './channels.js';
import { registerCustomers } from './customers/index.js';
import { registerDemo } from './demo.js';
import { registerExplain } from './explain.js';
import { registerFunnel } from './funnel.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerServe } from './serve.js';

/** Every CLI command registers itself here; one file per command. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerInit,
  registerImport,
  registerDemo,
  registerQuery,
  registerReport,
  registerCustomers,
  registerExplain,
  registerFunnel,
  registerChannels,
  registerAnomalies,
  registerServe,
];
