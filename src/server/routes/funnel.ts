import { Hono } from 'hono';
import { funnelAnalysis } from '../../analyses/funnel/index.js';
import { FupanError } from '../../errors.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import { monthOrLatest, onlyParams } from '../month-param.js';
import type { ResultCache } from '../result-cache.js';

const SPLITS = ['channel', 'device'] as const;

/**
 * GET /api/funnel?month=YYYY-MM&vs=previous|yoy|YYYY-MM&by=channel,device — visitors → product views
 * → add-to-cart → checkout → paid buyers with step conversion and its change, the same JSON as
 * `fupan funnel --format json` (docs/diagnosis.md). Default month: the last complete one.
 */
export function funnelRoutes(deps: {
  pool: WarehousePool;
  weekStart: 1 | 7;
  cache: ResultCache<unknown>;
}): Hono {
  return new Hono().get('/funnel', async (c) => {
    const q = c.req.query();
    onlyParams(q, ['month', 'vs', 'by']);
    const by = (q.by ?? '').split(',').filter(Boolean);
    if (
      by.length > 2 ||
      new Set(by).size !== by.length ||
      by.some((d) => !(SPLITS as readonly string[]).includes(d))
    )
      throw new FupanError('USAGE', 'by takes channel and/or device');
    const vs = q.vs ?? 'previous';
    const month = await monthOrLatest(deps, q.month);
    const result = await deps.cache.get(`funnel:${month}:${vs}:${by.join(',')}`, () =>
      deps.pool.use((wh) =>
        funnelAnalysis(wh, {
          month,
          vs,
          by: by as Array<(typeof SPLITS)[number]>,
          weekStart: deps.weekStart,
        }),
      ),
    );
    return c.json(result);
  });
}
