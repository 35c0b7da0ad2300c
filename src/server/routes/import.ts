import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { FupanError } from '../../errors.js';
import { importFiles, PRESETS } from '../../ingest/index.js';
import type { ImportResult } from '../../ingest/types.js';
import { isTableName } from '../../schema/tables.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);

/** A file name for the upload: the client's base name with anything unusual replaced. */
export function safeFileName(name: string | undefined): string {
  const base = basename((name ?? '').replaceAll('\\', '/')).replace(/[^\p{L}\p{N}._ -]/gu, '_');
  const trimmed = base.replace(/^[.\s]+/, '').slice(0, 120);
  return trimmed || 'upload';
}

function flag(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/**
 * POST /api/import?name=orders.csv[&table=orders][&mapping=shopify][&skipBadRows=1][&force=1] with
 * the file as the request body — how `fupan import` hands files to a running `fupan serve`, which
 * owns the database. Writes need the bearer token (the access middleware checks it). One import at
 * a time, on the owner connection; dashboard reads continue on the pool and see the data once the
 * file's transaction commits. Mapping files are not accepted over HTTP (only preset names), so a
 * request can never make the server read a path it names.
 */
export function importRoutes(deps: { pool: WarehousePool; cache: ResultCache<unknown> }): Hono {
  let queue: Promise<unknown> = Promise.resolve();
  const uploads = join(dirname(deps.pool.owner.path), '.fupan', 'uploads');
  return new Hono().post('/import', async (c) => {
    const q = c.req.query();
    const known = new Set(['name', 'table', 'mapping', 'skipBadRows', 'force']);
    for (const k of Object.keys(q)) if (!known.has(k)) throw usage(`unknown parameter "${k.slice(0, 40)}"`);
    if (q.table !== undefined && !isTableName(q.table))
      throw usage(`unknown table "${q.table.slice(0, 40)}"`);
    if (q.mapping !== undefined && !Object.hasOwn(PRESETS, q.mapping)) {
      throw usage(`mapping must be a preset over HTTP (${Object.keys(PRESETS).join(', ')})`);
    }
    const body = c.req.raw.body;
    if (!body) throw usage('send the file as the request body');
    const name = safeFileName(q.name);
    const dir = join(uploads, randomBytes(8).toString('hex'));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, name);
    try {
      await pipeline(
        Readable.fromWeb(body as WebReadableStream<Uint8Array>),
        createWriteStream(path, { mode: 0o600 }),
      );
      const run = queue.then(() =>
        importFiles(deps.pool.owner, [path], {
          table: q.table as never,
          mapping: q.mapping,
          skipBadRows: flag(q.skipBadRows),
          force: flag(q.force),
          keepGoing: true,
        }),
      );
      queue = run.catch(() => undefined);
      const results: ImportResult[] = await run;
      deps.cache.invalidate();
      return c.json(results.map((r) => ({ ...r, file: q.name ?? name })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
