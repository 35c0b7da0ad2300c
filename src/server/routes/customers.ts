import { Hono } from 'hono';
import { cohortAnalysis } from '../../analyses/cohorts/index.js';
import { rfmAnalysis } from '../../analyses/rfm/index.js';
import { dayAfter } from '../../analyses/tiers/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/data-range.js';
import { monthPeriod, shiftMonth } from '../../report/period.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);

/** Cohorts shown by default: the month and the 11 before it, months 0…6 after the first purchase (as in the report). */
const COHORT_MONTHS = 12;
const OFFSETS = 6;

function params(q: Record<string, string>, allowed: string[]): void {
  for (const k of Object.keys(q)) {
    if (!allowed.includes(k)) throw usage(`unknown parameter "${k.slice(0, 40)}"`);
  }
  if (q.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month)) throw usage('month must be YYYY-MM');
}

function count(v: string | undefined, name: string, def: number, max: number): number {
  if (v === undefined) return def;
  if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw usage(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(v);
}

/**
 * The customer insight panels' data, the same analyses as the report's 客户洞察 section
 * (docs/customers.md). Default month: the last complete one.
 * - GET /api/customers/cohorts?month=YYYY-MM&months=12&offsets=6 — monthly cohorts of `months`
 *   months up to `month`, as of its last day: size, active customers and retention for k = 0…offsets.
 * - GET /api/customers/rfm?month=YYYY-MM — RFM segments (quintiles) as of the day after the month.
 */
export function customerRoutes(deps: { pool: WarehousePool; cache: ResultCache<unknown> }): Hono {
  const month = async (given: string | undefined): Promise<string> => {
    if (given) return given;
    const latest = (await deps.cache.get('latest-complete-month', () =>
      deps.pool.use((wh) => latestCompleteMonth(wh)),
    )) as string | null;
    if (!latest) throw new FupanError('NO_DATA', 'no paid orders yet: import orders first');
    return latest;
  };
  return new Hono()
    .get('/customers/cohorts', async (c) => {
      const q = c.req.query();
      params(q, ['month', 'months', 'offsets']);
      const months = count(q.months, 'months', COHORT_MONTHS, 60);
      const offsets = count(q.offsets, 'offsets', OFFSETS, 60);
      const m = await month(q.month);
      const period = monthPeriod(m);
      const body = await deps.cache.get(`customers:cohorts:${m}:${months}:${offsets}`, async () => {
        const a = await deps.pool.use((wh) =>
          cohortAnalysis(wh, {
            from: `${shiftMonth(m, -(months - 1))}-01`,
            to: period.to,
            asOf: period.to,
            maxOffset: offsets,
          }),
        );
        return {
          month: m,
          lastPeriod: a.lastPeriod,
          cohorts: a.cohorts.map((x) => ({
            cohort: x.cohort,
            size: x.size,
            active: x.active,
            retention: x.retention,
          })),
          average: a.average,
        };
      });
      return c.json(body);
    })
    .get('/customers/rfm', async (c) => {
      const q = c.req.query();
      params(q, ['month']);
      const m = await month(q.month);
      const asOf = dayAfter(monthPeriod(m).to);
      const body = await deps.cache.get(`customers:rfm:${asOf}`, async () => {
        const a = await deps.pool.use((wh) => rfmAnalysis(wh, { asOf }));
        return { month: m, asOf: a.asOf, customers: a.customers, gmv: a.gmv, segments: a.segments };
      });
      return c.json(body);
    });
}
