#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isFupanError } from '../errors.js';
import { COMMANDS } from './commands/index.js';

/** Exit codes: 0 ok, 1 user error (bad input, bad usage), 2 database in use, 70 internal bug. */
function exitCode(e: unknown): number {
  if (isFupanError(e)) return e.code === 'DB_IN_USE' ? 2 : 1;
  return 70;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('fupan')
    .description('复盘 — monthly business review for online shops, from raw exports')
    .option('--db <path>', 'DuckDB database file (default: from fupan.config.json, else ./fupan.duckdb)')
    .option('--config <file>', 'config file (default: ./fupan.config.json)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isFupanError(e)) {
      process.stderr.write(`fupan: ${e.message}\n`);
    } else {
      process.stderr.write(`fupan: internal error: ${(e as Error).stack ?? String(e)}\n`);
    }
    return exitCode(e);
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
