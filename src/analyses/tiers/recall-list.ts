import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { customerPredictions } from '../clv/customers.js';
import type { BgNbdParams, GammaGammaParams } from '../clv/types.js';
import { customerSource } from '../rfm/customers-as-of.js';
import { quintileRanks, type RfmScoring, scoredCustomersCte } from '../rfm/query.js';
import { isRfmSegment, type RfmSegment, rfmSegmentSql } from '../rfm/segments.js';
import { stateCte } from './query.js';
import { type CustomerState, dayBefore, isCustomerState, type TierThresholds } from './states.js';

/** One customer of a recall list (召回名单), e.g. to send a coupon to. */
export interface RecallRow {
  customer_id: string;
  state: CustomerState;
  segment: RfmSegment;
  r: number;
  f: number;
  m: number;
  last_paid_date: string;
  recency_days: number;
  orders: number;
  /** GMV up to the as-of day. */
  gmv: number;
  /** With fitted CLV parameters: P(alive), expected purchases over the horizon and discounted value. */
  p_alive?: number;
  expected_purchases?: number;
  clv?: number;
}

export interface RecallListOptions {
  asOf: string;
  /** An RFM segment key (at_risk, cant_lose, …) or a lifecycle state (dormant, churned, high, …). */
  segment: string;
  thresholds: TierThresholds;
  scoring?: RfmScoring;
  /** At most this many customers, highest GMV first (default 10,000). */
  limit?: number;
  clv?: {
    bgnbd: BgNbdParams;
    gammagamma: GammaGammaParams;
    unitDays: number;
    horizonDays: number;
    months: number;
    discountRate: number;
  };
}

/** The customers of one segment as of a day; the selection runs in the database, bounded by `limit`. */
export async function recallList(wh: Warehouse, o: RecallListOptions): Promise<RecallRow[]> {
  if (!isRfmSegment(o.segment) && !isCustomerState(o.segment))
    throw new Error(`unknown segment ${o.segment}`);
  const d = wh.dialect;
  const params: Param[] = [];
  const src = await customerSource(wh);
  const scoring = o.scoring ?? { kind: 'quintile' };
  // quintiles from customer_months: the boundary ranks first (a selection, no sort of the customers)
  const ranks = scoring.kind === 'quintile' && src === 'months' ? await quintileRanks(wh, o.asOf) : undefined;
  const rfm = scoredCustomersCte(wh, o.asOf, scoring, params, 's', src, ranks);
  const tiers = stateCte(wh, o.asOf, o.thresholds, params, 't', src);
  const segment = rfmSegmentSql('s.r', 's.f');
  const filter = isRfmSegment(o.segment) ? segment : 't.state';
  const seg = `$${params.push(o.segment)}`;
  const limit = Math.max(0, Math.trunc(o.limit ?? 10_000));
  // the calibration period of the CLV figures ends the day before asOf (inclusive), as in customerLifetimeValue
  const calEnd = o.clv ? `CAST($${params.push(dayBefore(o.asOf))} AS DATE)` : '';
  const days = o.clv
    ? `, h_d AS (
  SELECT customer_id, paid_date AS day, sum(paid_total) AS value
  FROM orders WHERE paid_at IS NOT NULL AND paid_date <= ${calEnd} AND customer_id IN (SELECT customer_id FROM l)
  GROUP BY customer_id, paid_date
), h AS (
  SELECT customer_id, count(*) - 1 AS x, ${d.daysBetween('min(day)', 'max(day)')} AS tx,
    ${d.daysBetween('min(day)', calEnd)} AS age, sum(value) - ${d.argMin('value', 'day')} AS repeat_value
  FROM h_d GROUP BY customer_id
)`
    : '';
  const rows = await wh.query(
    `WITH ${rfm}, ${tiers}, l AS (
  SELECT s.customer_id, t.state, ${segment} AS segment, s.r, s.f, s.m, CAST(t.last_day AS VARCHAR) AS last_paid_date,
    s.recency, s.frequency, s.monetary
  FROM s JOIN t ON t.customer_id = s.customer_id
  WHERE ${filter} = ${seg}
  ORDER BY s.monetary DESC, s.customer_id
  LIMIT ${limit}
)${days}
SELECT l.*${o.clv ? ', h.x, h.tx, h.age, h.repeat_value' : ''}
FROM l${o.clv ? ' LEFT JOIN h ON h.customer_id = l.customer_id' : ''}
ORDER BY l.monetary DESC, l.customer_id`,
    params,
  );
  const list: RecallRow[] = rows.map((r) => ({
    customer_id: String(r.customer_id),
    state: String(r.state) as CustomerState,
    segment: String(r.segment) as RfmSegment,
    r: Number(r.r),
    f: Number(r.f),
    m: Number(r.m),
    last_paid_date: String(r.last_paid_date),
    recency_days: Number(r.recency),
    orders: Number(r.frequency),
    gmv: Number(r.monetary),
  }));
  if (!o.clv) return list;
  const c = o.clv;
  const predictions = customerPredictions(
    rows.map((r) => ({
      customerId: String(r.customer_id),
      x: Number(r.x),
      tx: Number(r.tx) / c.unitDays,
      T: Number(r.age) / c.unitDays,
      meanSpend: Number(r.x) > 0 ? Number(r.repeat_value) / Number(r.x) : 0,
    })),
    c.bgnbd,
    c.gammagamma,
    {
      horizon: c.horizonDays / c.unitDays,
      months: c.months,
      discountRate: c.discountRate,
      unitsPerMonth: 365.25 / 12 / c.unitDays,
    },
  );
  return list.map((row, i) => ({
    ...row,
    p_alive: round(predictions[i].pAlive, 4),
    expected_purchases: round(predictions[i].expectedPurchases, 4),
    clv: round(predictions[i].clv, 2),
  }));
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
