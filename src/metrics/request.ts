import { FupanError } from '../errors.js';
import { monthPeriod, validatePeriod } from './period.js';
import type { Comparison, Filter, Period, QuerySpec } from './types.js';

/**
 * A metric query as text parameters: the flags of `fupan query` and the query string of
 * `GET /api/query` have the same names and are parsed here, once, so both answer identically.
 *
 *   metrics=gmv,buyers   by=channel,device   month=2026-10 | from=2026-10-01 & to=2026-10-07
 *   filter=channel=直播,短视频 (repeatable; `!=` excludes)   compare=mom,yoy
 *   sort=gmv:desc,channel   limit=10
 */
export interface QueryParams {
  metrics?: string;
  by?: string;
  month?: string;
  from?: string;
  to?: string;
  filter?: string[];
  compare?: string;
  sort?: string;
  limit?: string;
}

const usage = (message: string) => new FupanError('USAGE', message);

/** Longest accepted parameter value and most filters: anything beyond is not a real query. */
const MAX_PARAM = 2000;
const MAX_FILTERS = 20;

/** `a, b,,c` → ['a', 'b', 'c']. */
export function splitList(s: string | undefined): string[] {
  if (s !== undefined && s.length > MAX_PARAM) throw usage('a parameter is too long');
  return (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** `channel=直播,短视频` → in; `channel!=其他` → not_in. Values are bound parameters downstream. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_PARAM) throw usage('a filter is too long');
  const m = /^([a-z_]+)(!?=)(.*)$/s.exec(text);
  if (!m) throw usage(`filter "${text}": expected DIMENSION=VALUE[,VALUE…] or DIMENSION!=VALUE[,VALUE…]`);
  return { dimension: m[1], op: m[2] === '=' ? 'in' : 'not_in', values: m[3].split(',') };
}

/** `gmv:desc,orders` → sort fields. */
export function parseSort(text: string): NonNullable<QuerySpec['sort']> {
  return splitList(text).map((item) => {
    const [field, dir = 'asc'] = item.split(':');
    if (dir !== 'asc' && dir !== 'desc') throw usage(`sort "${item}": direction must be asc or desc`);
    return { field, desc: dir === 'desc' };
  });
}

export function parseLimit(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0) throw usage('limit must be a whole number');
  return n;
}

/** The period named by month or from/to; without either, the latest complete month of paid orders. */
export async function resolvePeriod(
  p: Pick<QueryParams, 'month' | 'from' | 'to'>,
  latestCompleteMonth: () => Promise<string | null>,
): Promise<Period> {
  if (p.month && (p.from || p.to)) throw usage('give either month or from/to, not both');
  if (p.month) return monthPeriod(p.month);
  if (p.from || p.to) {
    if (!p.from || !p.to) throw usage('from and to go together');
    return validatePeriod({ from: p.from, to: p.to });
  }
  const month = await latestCompleteMonth();
  if (!month)
    throw new FupanError('NO_DATA', 'the database has no paid orders: import data or run `fupan demo`');
  return monthPeriod(month);
}

/**
 * Parameters → QuerySpec (metric and dimension names are then checked against the registry by
 * `query`). `latestCompleteMonth` supplies the default period.
 */
export async function parseQueryParams(
  p: QueryParams,
  latestCompleteMonth: () => Promise<string | null>,
): Promise<QuerySpec> {
  const metrics = splitList(p.metrics);
  if (metrics.length === 0)
    throw usage('metrics is required (e.g. metrics=gmv,orders); `fupan query --list` shows them');
  const filters = p.filter ?? [];
  if (filters.length > MAX_FILTERS) throw usage(`at most ${MAX_FILTERS} filters`);
  return {
    metrics,
    dimensions: splitList(p.by),
    filters: filters.map(parseFilter),
    period: await resolvePeriod(p, latestCompleteMonth),
    compare: splitList(p.compare) as Comparison[],
    sort: p.sort ? parseSort(p.sort) : [],
    ...(p.limit !== undefined ? { limit: parseLimit(p.limit) } : {}),
  };
}
