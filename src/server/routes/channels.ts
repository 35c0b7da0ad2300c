import { Hono } from 'hono';
import { channelPerformance } from '../../analyses/channels/index.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import { monthOrLatest, onlyParams } from '../month-param.js';
import type { ResultCache } from '../result-cache.js';

/**
 * GET /api/channels?month=YYYY-MM — channel performance (渠道表现): per channel visitors and share,
 * conversion, buyers, GMV and share, 客单价, new buyers and share, spend, ROAS, CAC, CPC, CTR, each
 * with the month before and the same month last year; as `fupan channels --format json` without the
 * SQL it ran. Default month: the last complete one.
 */
export function channelRoutes(deps: {
  pool: WarehousePool;
  weekStart: 1 | 7;
  cache: ResultCache<unknown>;
}): Hono {
  return new Hono().get('/channels', async (c) => {
    const q = c.req.query();
    onlyParams(q, ['month']);
    const month = await monthOrLatest(deps, q.month);
    const result = await deps.cache.get(`channels:${month}`, async () => {
      const { sql: _sql, ...rest } = await deps.pool.use((wh) =>
        channelPerformance(wh, { month, weekStart: deps.weekStart }),
      );
      return rest;
    });
    return c.json(result);
  });
}
