import { FupanError, type FupanErrorCode } from '../errors.js';
import type { ServeRuntime } from './runtime-file.js';

/** Codes a server answer may carry that mean the same as when the command runs on the file itself. */
const USER_CODES: ReadonlySet<string> = new Set<FupanErrorCode>([
  'QUERY_INVALID',
  'USAGE',
  'NO_DATA',
  'INGEST_BAD_ROW',
  'INGEST_BAD_FILE',
  'INGEST_MISSING_COLUMNS',
  'INGEST_UNKNOWN_TABLE',
]);

/** The database is owned by the running server and this cannot go through it: exit 2, naming the PID. */
export function inUseByServer(server: ServeRuntime, why: string): FupanError {
  return new FupanError(
    'DB_IN_USE',
    `${server.database} is in use by PID ${server.pid} (fupan serve at ${server.url}): ${why}`,
  );
}

/**
 * GET an API address of the running `fupan serve` with its bearer token (from the runtime file, as
 * `fupan import` does). A refusal with a user-facing code (bad parameter, no data) becomes the same
 * FupanError the command would have thrown on the file itself; anything else says the server owns
 * the database.
 */
export async function serverGet(server: ServeRuntime, path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
  } catch (e) {
    throw inUseByServer(server, `the server did not answer (${(e as Error).message}); stop it or try again`);
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code ?? '';
  const message = body?.error?.message ?? `HTTP ${res.status}`;
  if (USER_CODES.has(code)) throw new FupanError(code as FupanErrorCode, message);
  throw inUseByServer(server, `the server refused the request (${message})`);
}
