import { type Context, Hono } from 'hono';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/data-range.js';
import { query } from '../../metrics/index.js';
import { parseQueryParams, type QueryParams } from '../../metrics/request.js';
import { outputFields } from '../../metrics/spec.js';
import type { MetricRow, QuerySpec } from '../../metrics/types.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';
import { toCsv } from '../to-csv.js';

const SINGLE = ['metrics', 'by', 'month', 'from', 'to', 'compare', 'sort', 'limit'] as const;

/**
 * The query string as `QueryParams`: only known names, each once (filter may repeat). Anything
 * else is refused rather than ignored, so a typo never silently changes the answer.
 */
export function queryParamsOf(c: Context): QueryParams {
  const all = c.req.queries();
  const params: QueryParams = {};
  for (const [name, values] of Object.entries(all)) {
    if (name === 'filter') {
      params.filter = values;
      continue;
    }
    if (!(SINGLE as readonly string[]).includes(name)) {
      throw new FupanError(
        'QUERY_INVALID',
        `unknown parameter "${name.slice(0, 40)}" (known: ${[...SINGLE, 'filter'].join(', ')})`,
      );
    }
    if (values.length !== 1)
      throw new FupanError('QUERY_INVALID', `parameter "${name}" given more than once`);
    params[name as (typeof SINGLE)[number]] = values[0];
  }
  return params;
}

export interface QueryDeps {
  pool: WarehousePool;
  weekStart: 1 | 7;
  cache: ResultCache<unknown>;
}

/** The rows of a request, and the spec they answer (for the CSV header). */
async function answer(deps: QueryDeps, params: QueryParams): Promise<{ spec: QuerySpec; rows: MetricRow[] }> {
  const latest = () =>
    deps.cache.get('latest-complete-month', () => deps.pool.use((wh) => latestCompleteMonth(wh))) as Promise<
      string | null
    >;
  const spec = await parseQueryParams(params, latest);
  const key = `query:${JSON.stringify(spec)}`;
  const rows = (await deps.cache.get(key, () =>
    deps.pool.use(async (wh) => (await query(wh, spec, { weekStart: deps.weekStart })).rows),
  )) as MetricRow[];
  return { spec, rows };
}

/**
 * GET /api/query — the same parameters and the same JSON rows as `fupan query --format json`
 * (both parse with `parseQueryParams`); GET /api/query.csv — those rows as a spreadsheet-safe CSV.
 */
export function queryRoutes(deps: QueryDeps): Hono {
  return new Hono()
    .get('/query', async (c) => {
      const { spec, rows } = await answer(deps, queryParamsOf(c));
      // the period the rows cover (the default month is the server's choice): `fupan query` prints it
      c.header('X-Fupan-Period', `${spec.period.from}..${spec.period.to}`);
      return c.json(rows);
    })
    .get('/query.csv', async (c) => {
      const { spec, rows } = await answer(deps, queryParamsOf(c));
      const columns = outputFields({
        dimensions: spec.dimensions ?? [],
        metrics: spec.metrics,
        compare: spec.compare ?? [],
      });
      const name = `fupan-${spec.metrics.join('-')}-${spec.period.from}_${spec.period.to}.csv`.replace(
        /[^A-Za-z0-9._-]/g,
        '_',
      );
      return c.body(toCsv(columns, rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    });
}
