import { Hono } from 'hono';
import { explain } from '../../analyses/explain/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/data-range.js';
import { METRICS } from '../../metrics/index.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);

/**
 * GET /api/explain?metric=conversion&month=YYYY-MM&vs=previous|yoy|YYYY-MM&pairs=0|1 — the same JSON
 * as `fupan explain <metric> --format json` (docs/diagnosis.md). Default month: the last complete one.
 */
export function explainRoutes(deps: {
  pool: WarehousePool;
  weekStart: 1 | 7;
  cache: ResultCache<unknown>;
}): Hono {
  return new Hono().get('/explain', async (c) => {
    const q = c.req.query();
    for (const k of Object.keys(q)) {
      if (!['metric', 'month', 'vs', 'pairs'].includes(k))
        throw usage(`unknown parameter "${k.slice(0, 40)}"`);
    }
    const metric = q.metric ?? 'gmv';
    if (!Object.hasOwn(METRICS, metric)) throw usage(`unknown metric "${metric.slice(0, 40)}"`);
    if (q.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month))
      throw usage('month must be YYYY-MM');
    const vs = q.vs ?? 'previous';
    if (!/^(previous|yoy|\d{4}-(0[1-9]|1[0-2]))$/.test(vs))
      throw usage('vs must be previous, yoy or YYYY-MM');
    if (q.pairs !== undefined && q.pairs !== '0' && q.pairs !== '1') throw usage('pairs must be 0 or 1');
    const pairs = q.pairs !== '0';
    const result = await deps.cache.get(`explain:${metric}:${q.month ?? ''}:${vs}:${pairs}`, () =>
      deps.pool.use(async (wh) => {
        const month = q.month ?? (await latestCompleteMonth(wh));
        if (!month) throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
        return explain(wh, { metric, month, vs, pairs, weekStart: deps.weekStart });
      }),
    );
    return c.json(result);
  });
}
