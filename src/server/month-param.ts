import { FupanError } from '../errors.js';
import { latestCompleteMonth } from '../metrics/data-range.js';
import type { WarehousePool } from '../warehouse/pool.js';
import type { ResultCache } from './result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const VERSUS = /^(previous|yoy|\d{4}-(0[1-9]|1[0-2]))$/;

/** Refuses parameters other than `allowed` (a typo must never silently change the answer). */
export function onlyParams(q: Record<string, string>, allowed: readonly string[]): void {
  for (const k of Object.keys(q)) {
    if (!allowed.includes(k)) throw usage(`unknown parameter "${k.slice(0, 40)}"`);
  }
  if (q.month !== undefined && !MONTH.test(q.month)) throw usage('month must be YYYY-MM');
  if (q.vs !== undefined && !VERSUS.test(q.vs)) throw usage('vs must be previous, yoy or YYYY-MM');
}

/** The month asked for, else the last complete month with paid orders (cached until the data changes). */
export async function monthOrLatest(
  deps: { pool: WarehousePool; cache: ResultCache<unknown> },
  given: string | undefined,
): Promise<string> {
  if (given) return given;
  const latest = (await deps.cache.get('latest-complete-month', () =>
    deps.pool.use((wh) => latestCompleteMonth(wh)),
  )) as string | null;
  if (!latest) throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
  return latest;
}
