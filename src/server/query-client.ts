import type { QueryParams } from '../metrics/request.js';
import type { MetricRow, Period } from '../metrics/types.js';
import { serverGet } from './api-client.js';
import type { ServeRuntime } from './runtime-file.js';

const SINGLE = ['metrics', 'by', 'month', 'from', 'to', 'compare', 'sort', 'limit'] as const;

/**
 * Runs a `fupan query` through the running server (GET /api/query parses the same parameters with
 * the same function): the JSON rows and the period they cover.
 */
export async function forwardQuery(
  server: ServeRuntime,
  params: QueryParams,
): Promise<{ rows: MetricRow[]; period: Period | null }> {
  const q = new URLSearchParams();
  for (const name of SINGLE) {
    const v = params[name];
    if (v !== undefined) q.set(name, v);
  }
  for (const f of params.filter ?? []) q.append('filter', f);
  const res = await serverGet(server, `/api/query?${q}`);
  const rows = (await res.json()) as MetricRow[];
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(res.headers.get('x-fupan-period') ?? '');
  return { rows, period: m ? { from: m[1], to: m[2] } : null };
}
