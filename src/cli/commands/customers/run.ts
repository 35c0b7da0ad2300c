import type { Command } from 'commander';
import { FupanError } from '../../../errors.js';
import { paidDateRange } from '../../../metrics/index.js';
import type { Warehouse } from '../../../warehouse/warehouse.js';
import { type CommandContext, type GlobalOptions, withWarehouse } from '../../context.js';
import { usage } from './args.js';

/** The options every `fupan customers` subcommand has. */
export interface Common {
  db?: string;
  format: string;
}

export async function lastPaidDay(wh: Warehouse): Promise<string> {
  const range = await paidDateRange(wh);
  if (!range)
    throw new FupanError('NO_DATA', 'no paid orders in the database; import orders or run `fupan demo`');
  return range.to;
}

/** Runs an action on the warehouse with the command's --db (or the global one) and prints its output. */
export function run<O extends Common>(
  program: Command,
  fn: (wh: Warehouse, opts: O, ctx: CommandContext) => Promise<{ json: unknown; table: () => string }>,
) {
  return async (opts: O) => {
    if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
    const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
    const out = await withWarehouse(global, (wh, ctx) => fn(wh, opts, ctx), { readOnly: true });
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(out.json, null, 2)}\n` : out.table());
  };
}

/** Adds --db and --format to a subcommand. */
export function common(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table');
}
