import type { Command } from 'commander';
import { writeDefaultConfig } from '../../config/config.js';
import type { GlobalOptions } from '../context.js';
import { withWarehouse } from '../context.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented default fupan.config.json here and create the database')
    .option('--force', 'overwrite an existing config file')
    .action(async (opts: { force?: boolean }) => {
      const path = writeDefaultConfig(process.cwd(), Boolean(opts.force));
      process.stdout.write(`wrote ${path}\n`);
      const global = program.opts<GlobalOptions>();
      await withWarehouse(global, async (wh) => {
        process.stdout.write(`database ready: ${wh.path}\n`);
      });
    });
}
