import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { FupanError } from '../errors.js';
import type { ImportOptions, ImportResult } from '../ingest/types.js';
import type { ServeRuntime } from './runtime-file.js';

/**
 * Sends files to a running `fupan serve` (which owns the database) through POST /api/import, one
 * request per file, streamed. Mapping files cannot be forwarded (the server only accepts preset
 * names); rejects are written beside the database by the server.
 */
export async function forwardImport(
  server: ServeRuntime,
  files: string[],
  opts: Pick<ImportOptions, 'table' | 'mapping' | 'skipBadRows' | 'force'>,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of files) {
    const q = new URLSearchParams({ name: basename(file) });
    if (opts.table) q.set('table', opts.table);
    if (opts.mapping) q.set('mapping', opts.mapping);
    if (opts.skipBadRows) q.set('skipBadRows', '1');
    if (opts.force) q.set('force', '1');
    let res: Response;
    try {
      res = await fetch(`${server.url}/api/import?${q}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(statSync(file).size),
        },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
    } catch (e) {
      throw new FupanError(
        'DB_IN_USE',
        `the database is owned by fupan serve (PID ${server.pid}) at ${server.url}, which did not answer: ` +
          `${(e as Error).message}. Stop it or try again.`,
      );
    }
    const body = (await res.json().catch(() => null)) as
      | ImportResult[]
      | { error?: { code?: string; message?: string } }
      | null;
    if (!res.ok || !Array.isArray(body)) {
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new FupanError(
        'INGEST_BAD_FILE',
        `fupan serve (PID ${server.pid}) refused ${file}: ${err?.message ?? `HTTP ${res.status}`}`,
      );
    }
    results.push(...body.map((r) => ({ ...r, file })));
  }
  return results;
}
