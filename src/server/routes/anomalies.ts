import { Hono } from 'hono';
import { ANOMALY_METRICS, type AnomalyMetric, anomalies } from '../../analyses/anomalies/index.js';
import type { FupanConfig } from '../../config/config.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/data-range.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MAX_DAYS = 366;

const validDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * GET /api/anomalies?month=YYYY-MM[&metric=gmv,atv][&threshold=3.5] (or from=YYYY-MM-DD&to=YYYY-MM-DD
 * instead of month, at most 366 days) — the same JSON as `fupan anomalies --format json`
 * (docs/diagnosis.md, "Anomalies"). Default month: the last complete one.
 */
export function anomalyRoutes(deps: {
  pool: WarehousePool;
  config: FupanConfig;
  cache: ResultCache<unknown>;
}): Hono {
  return new Hono().get('/anomalies', async (c) => {
    const q = c.req.query();
    for (const k of Object.keys(q)) {
      if (!['month', 'from', 'to', 'metric', 'threshold'].includes(k))
        throw usage(`unknown parameter "${k.slice(0, 40)}"`);
    }
    if (q.month !== undefined && !MONTH.test(q.month)) throw usage('month must be YYYY-MM');
    if ((q.from === undefined) !== (q.to === undefined)) throw usage('from and to go together');
    if (q.from !== undefined && q.month !== undefined) throw usage('give month or from/to, not both');
    if (q.from !== undefined) {
      if (!validDay(q.from) || !validDay(q.to!)) throw usage('from and to must be dates YYYY-MM-DD');
      const days = (Date.parse(q.to!) - Date.parse(q.from)) / 86_400_000 + 1;
      if (days < 1 || days > MAX_DAYS) throw usage(`from..to must span 1 to ${MAX_DAYS} days`);
    }
    const metrics = (q.metric ?? '').split(',').filter((m) => m !== '');
    for (const m of metrics) {
      if (!(ANOMALY_METRICS as readonly string[]).includes(m))
        throw usage(`unknown metric "${m.slice(0, 40)}" (${ANOMALY_METRICS.join(', ')})`);
    }
    if (q.threshold !== undefined && !(/^\d{1,2}(\.\d{1,3})?$/.test(q.threshold) && Number(q.threshold) >= 1))
      throw usage('threshold must be a number from 1 to 99');
    const key = `anomalies:${q.month ?? ''}:${q.from ?? ''}:${q.to ?? ''}:${metrics.join(',')}:${q.threshold ?? ''}`;
    const result = await deps.cache.get(key, () =>
      deps.pool.use(async (wh) => {
        const from = q.from;
        let month = q.month ?? '';
        if (from === undefined && month === '') {
          month = (await latestCompleteMonth(wh)) ?? '';
          if (!month)
            throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
        }
        return anomalies(wh, {
          ...(from !== undefined ? { period: { from, to: q.to ?? from } } : { month }),
          ...(metrics.length ? { metrics: metrics as AnomalyMetric[] } : {}),
          ...(q.threshold !== undefined ? { threshold: Number(q.threshold) } : {}),
          calendar: deps.config.calendar,
          weekStart: deps.config.weekStart,
        });
      }),
    );
    return c.json(result);
  });
}
