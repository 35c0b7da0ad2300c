import { databasePath, type LoadedConfig, loadConfig } from '../config/config.js';
import type { OpenOptions, Warehouse } from '../warehouse/warehouse.js';

/** Options every command accepts. */
export interface GlobalOptions {
  db?: string;
  config?: string;
}

export interface CommandContext {
  loaded: LoadedConfig;
  dbPath: string;
}

export function commandContext(opts: GlobalOptions): CommandContext {
  const loaded = loadConfig(opts.config ? { file: opts.config } : {});
  return { loaded, dbPath: databasePath(loaded, opts.db) };
}

/** Opens the warehouse named by --db / the config, runs fn, and always closes it. */
export async function withWarehouse<T>(
  opts: GlobalOptions,
  fn: (wh: Warehouse, ctx: CommandContext) => Promise<T>,
  open: Omit<OpenOptions, 'timeZone'> = {},
): Promise<T> {
  const ctx = commandContext(opts);
  // Loaded here, not at start-up: the engine's native library is most of a command's start-up time,
  // and `--help`, usage errors and commands forwarded to a running server never open it.
  const { Warehouse } = await import('../warehouse/warehouse.js');
  const wh = await Warehouse.open(ctx.dbPath, { ...open, timeZone: ctx.loaded.config.timeZone });
  try {
    return await fn(wh, ctx);
  } finally {
    wh.close();
  }
}
