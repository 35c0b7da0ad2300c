/**
 * Workload W ("monthly business review", shared/bench/W.md) on fupan's canonical tables, twice:
 * through the metric layer (`query()`), and as hand-tuned SQL written for this schema — the baseline,
 * measured in the same run. Parts (a) headline per period, (b) by channel and by category, (c) new vs
 * returning, (f) top-100 SKU with MoM and (g) the daily series. Cohorts (d) and RFM (e) belong to the
 * customer-insight analyses and join this bench when they exist.
 *
 * Definitions follow fupan's metric layer (GMV = Σ paid_total of paid orders by paid_date; category
 * and SKU GMV = Σ line paid_amount), so both sides compute the same numbers and the run checks that.
 */
import { monthPeriod, query, yoyPeriod } from '../src/metrics/index.js';
import type { MetricRow, QuerySpec } from '../src/metrics/types.js';
import type { Row, Warehouse } from '../src/warehouse/warehouse.js';

export interface WMonths {
  /** Target month M, YYYY-MM; P is the month before, LY the same month a year earlier. */
  month: string;
  /** Whole data range for the daily series. */
  from: string;
  to: string;
}

export type WResult = Record<string, Array<MetricRow | Row>>;

/** W through the metric layer. */
export async function wViaMetrics(wh: Warehouse, m: WMonths): Promise<WResult> {
  const period = monthPeriod(m.month);
  const q = (spec: Omit<QuerySpec, 'period'>) => query(wh, { period, ...spec }).then((r) => r.rows);
  const headline = ['gmv', 'net_sales', 'orders', 'buyers', 'aov'];
  const [a, bChannel, bCategory, c, f, g] = await inOrder([
    () => q({ metrics: headline, compare: ['mom', 'yoy'] }),
    () =>
      q({
        metrics: headline,
        dimensions: ['channel'],
        compare: ['mom', 'yoy'],
        sort: [{ field: 'channel' }],
      }),
    () =>
      q({
        metrics: headline,
        dimensions: ['category'],
        compare: ['mom', 'yoy'],
        sort: [{ field: 'category' }],
      }),
    () =>
      q({
        metrics: ['buyers', 'orders', 'gmv'],
        dimensions: ['customer_type'],
        compare: ['mom', 'yoy'],
        sort: [{ field: 'customer_type' }],
      }),
    () =>
      q({
        metrics: ['gmv'],
        dimensions: ['sku'],
        compare: ['mom'],
        sort: [{ field: 'gmv', desc: true }, { field: 'sku' }],
        limit: 100,
      }),
    () =>
      query(wh, {
        period: { from: m.from, to: m.to },
        metrics: ['gmv', 'orders'],
        dimensions: ['day'],
        sort: [{ field: 'day' }],
      }).then((r) => r.rows),
  ]);
  return { a, bChannel, bCategory, c, f, g };
}

/** W as hand-tuned SQL on the canonical tables: one pass per fact table over the three months. */
export async function wViaSql(wh: Warehouse, m: WMonths): Promise<WResult> {
  const M = monthPeriod(m.month);
  const P = monthPeriod(prevMonth(m.month));
  const LY = yoyPeriod(M);
  const periods = `(VALUES ('M', DATE '${M.from}', DATE '${M.to}'), ('P', DATE '${P.from}', DATE '${P.to}'),
                           ('LY', DATE '${LY.from}', DATE '${LY.to}')) p(k, f, t)`;
  const paid = `SELECT p.k, o.* FROM orders o JOIN ${periods} ON o.paid_date BETWEEN p.f AND p.t
                WHERE o.paid_at IS NOT NULL`;
  const headline = `sum(paid_total) AS gmv, sum(paid_total) - sum(coalesce(refund_total, 0)) AS net_sales,
                    count(*) AS orders, count(DISTINCT customer_id) AS buyers`;
  const lines = `SELECT o.k, o.order_id, o.customer_id, l.sku,
                   coalesce(l.paid_amount, l.quantity * l.unit_price - coalesce(l.discount, 0)) AS v
                 FROM (${paid}) o JOIN order_lines l USING (order_id)`;
  const [a, bChannel, bCategory, c, f, g] = await inOrder([
    () => wh.query(`SELECT k, ${headline} FROM (${paid}) GROUP BY k ORDER BY k`),
    () => wh.query(`SELECT k, channel, ${headline} FROM (${paid}) GROUP BY ALL ORDER BY k, channel`),
    () =>
      wh.query(`SELECT k, pr.category, sum(v) AS gmv, count(DISTINCT order_id) AS orders,
                     count(DISTINCT customer_id) AS buyers
              FROM (${lines}) x LEFT JOIN products pr USING (sku) GROUP BY ALL ORDER BY k, category`),
    () =>
      wh.query(`SELECT k, CASE WHEN cf.first_paid_date BETWEEN p.f AND p.t THEN 'new' ELSE 'returning' END AS customer_type,
                     count(DISTINCT o.customer_id) AS buyers, count(*) AS orders, sum(paid_total) AS gmv
              FROM (${paid}) o JOIN ${periods} USING (k) JOIN customer_facts cf USING (customer_id)
              GROUP BY ALL ORDER BY k, customer_type`),
    () =>
      wh.query(`WITH s AS (SELECT k, sku, sum(v) AS gmv FROM (${lines}) WHERE k IN ('M', 'P') GROUP BY ALL)
              SELECT m.sku, m.gmv, p.gmv AS gmv_mom_base FROM s m LEFT JOIN s p ON p.sku = m.sku AND p.k = 'P'
              WHERE m.k = 'M' ORDER BY m.gmv DESC, m.sku LIMIT 100`),
    () =>
      wh.query(`SELECT paid_date AS day, sum(paid_total) AS gmv, count(*) AS orders FROM orders
              WHERE paid_at IS NOT NULL AND paid_date BETWEEN DATE '${m.from}' AND DATE '${m.to}'
              GROUP BY ALL ORDER BY day`),
  ]);
  return { a, bChannel, bCategory, c, f, g };
}

/** One connection runs one statement at a time: run the parts in order. */
async function inOrder<T>(parts: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = [];
  for (const part of parts) out.push(await part());
  return out;
}

function prevMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** Cross-checks the two results on totals that both compute; returns the mismatches. */
export function compareW(viaMetrics: WResult, viaSql: WResult): string[] {
  const problems: string[] = [];
  const [head] = viaMetrics.a as MetricRow[];
  const sqlM = (viaSql.a as Row[]).find((r) => r.k === 'M');
  for (const k of ['gmv', 'orders', 'buyers'] as const) {
    if (Math.abs(Number(head[k]) - Number(sqlM?.[k])) > 0.005)
      problems.push(`(a) ${k}: ${head[k]} vs ${sqlM?.[k]}`);
  }
  const days = viaMetrics.g.length;
  if (days !== viaSql.g.length) problems.push(`(g) days: ${days} vs ${viaSql.g.length}`);
  const topM = (viaMetrics.f as MetricRow[]).map((r) => r.sku).join(',');
  const topS = (viaSql.f as Row[]).map((r) => r.sku).join(',');
  if (topM !== topS) problems.push('(f) top-100 SKUs differ');
  return problems;
}
