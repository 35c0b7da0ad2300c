import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/config.js';
import { type RunningServer, type ServeOptions, startServer } from '../../../src/server/server.js';
import type { Warehouse } from '../../../src/warehouse/warehouse.js';
import { buildWeb } from '../../../src/web/build.js';
import { openFixtureShop } from '../../helpers/fixture-shop.js';
import { tempDir } from '../../helpers/tmp.js';

export interface ServedFixture {
  server: RunningServer;
  dir: string;
  dbPath: string;
  /** A copy of the database made before the server started (for processes that need the file). */
  copyPath: string;
  staticDir: string;
}

/**
 * The hand-computed fixture shop in a database file, the dashboard built into a temp folder, and
 * `fupan serve` on a free port of 127.0.0.1 — started before the file's tests, stopped after.
 */
export function serveFixture(
  extra: Partial<ServeOptions> = {},
  /** Changes the fixture before serving (e.g. empties a table). */
  prepare?: (wh: Warehouse) => Promise<void>,
): ServedFixture {
  const dir = tempDir('fupan-serve-');
  const fx = {
    dir,
    dbPath: join(dir, 'shop.duckdb'),
    copyPath: join(dir, 'copy', 'shop.duckdb'),
    staticDir: join(dir, 'web'),
  } as ServedFixture;
  beforeAll(async () => {
    const wh = await openFixtureShop(fx.dbPath);
    await prepare?.(wh);
    wh.close();
    mkdirSync(join(dir, 'copy'));
    copyFileSync(fx.dbPath, fx.copyPath);
    await buildWeb(fx.staticDir);
    fx.server = await startServer({
      loaded: { config: { ...DEFAULT_CONFIG }, dir },
      dbPath: fx.dbPath,
      host: '127.0.0.1',
      port: 0,
      staticDir: fx.staticDir,
      ...extra,
    });
  });
  afterAll(async () => {
    await fx.server?.close();
  });
  return fx;
}
