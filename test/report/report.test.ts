import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { MetricRow } from '../../src/metrics/types.js';
import type { Report } from '../../src/report/model.js';
import { monthlyReport } from '../../src/report/monthly.js';
import { renderHtml } from '../../src/report/render/html.js';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { expectGolden, withoutSql } from './helpers/golden.js';
import { cards, section, tableRows, verifyFigures } from './helpers/report-checks.js';
import { createReportShop } from './helpers/report-shop.js';

const NOW = new Date('2026-11-15T04:00:00Z');
let wh: Warehouse;
let zh: Report;
let en: Report;

beforeAll(async () => {
  wh = await createReportShop(join(tempDir(), 'shop.duckdb'));
  const req = { now: NOW, omitGeneratedAt: true, shop: '示例小店' };
  zh = await monthlyReport(wh, DEFAULT_CONFIG, { ...req, lang: 'zh' });
  en = await monthlyReport(wh, DEFAULT_CONFIG, { ...req, lang: 'en', month: '2026-10' });
});
afterAll(() => wh.close());

async function sql(text: string): Promise<MetricRow[]> {
  return (await wh.query(text)) as MetricRow[];
}

describe('monthly report on the hand-checked shop', () => {
  it('picks October: the data runs into 1 November, which is not complete', () => {
    expect(zh.meta.month).toBe('2026-10');
    expect(zh.meta.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(zh.sections.map((s) => s.id)).toEqual([
      'summary',
      'scope',
      'overview',
      'structure',
      'daily-trend',
      'channels',
      'customers',
      'diagnosis',
      'anomalies',
      'appendix',
    ]);
  });

  it('shows the headline numbers computed by hand (see helpers/report-shop.ts)', () => {
    const c = cards(zh);
    expect(c.gmv.value.value).toBe(1625);
    expect(c.orders.value.value).toBe(12);
    expect(c.buyers.value.value).toBe(11);
    expect(c.atv.value.value).toBe(147.73); // 1625 / 11
    expect(c.aov.value.value).toBe(135.42); // 1625 / 12
    expect(c.visitors.value.value).toBe(240);
    expect(c.conversion.value.value).toBeCloseTo(11 / 240, 12);
    expect(c.gmv.mom.value).toBeCloseTo((1625 - 550) / 550, 12);
    expect(c.gmv.yoy.value).toBeCloseTo((1625 - 300) / 300, 12);
    expect(c.gmv.target?.value).toBe(2000);
    expect(c.gmv.completion?.value).toBeCloseTo(0.8125, 12);
    expect(c.orders.completion?.value).toBeCloseTo(1.2, 12);
    expect(c.buyers.target).toBeUndefined();
    // a rate's change is in percentage points: 11/240 − 3/100
    expect(c.conversion.mom).toMatchObject({ kind: 'pp' });
    expect(c.conversion.mom.value).toBeCloseTo(11 / 240 - 3 / 100, 12);
    expect(c.conversion.yoy.value).toBeCloseTo(11 / 240 - 2 / 50, 12);
  });

  it('writes the summary from the numbers', () => {
    const p = section(zh, 'summary').blocks[0];
    expect(p.type === 'paragraph' && p.text).toBe(
      '2026年10月 GMV ¥1,625.00，环比 +195.5%，同比 +441.7%，完成目标 81.3%。' +
        '支付订单 12 笔，支付买家 11 人，客单价 ¥147.73（环比 −19.4%）。' +
        '访客 240，支付转化率 4.58%（环比 +1.58个百分点）。' +
        '新客贡献 GMV 的 58.2%（环比 −14.6个百分点）。' +
        'GMV 最高的渠道是直播（占 44.9%，环比 +192.0%）。',
    );
    const e = section(en, 'summary').blocks[0];
    expect(e.type === 'paragraph' && e.text).toContain(
      'GMV in October 2026 was ¥1,625.00, +195.5% MoM, +441.7% YoY',
    );
    expect(e.type === 'paragraph' && e.text).toContain('AOV ¥135.42');
  });

  it('every figure equals query() for its spec, directly or recomputed from the fields it derives from', async () => {
    for (const r of [zh, en]) {
      const n = await verifyFigures(wh, r);
      expect(n.direct).toBeGreaterThan(60);
      expect(n.derived).toBeGreaterThan(30);
    }
  });

  it('matches independent SQL over the same database', async () => {
    const month = (from: string, to: string) =>
      sql(`SELECT sum(paid_total)::DOUBLE AS gmv, count(*) AS orders, count(DISTINCT customer_id) AS buyers
           FROM orders WHERE paid_at IS NOT NULL AND paid_date BETWEEN '${from}' AND '${to}'`);
    const [oct] = await month('2026-10-01', '2026-10-31');
    const [sep] = await month('2026-09-01', '2026-09-30');
    const [visits] = await sql(
      "SELECT sum(visitors)::DOUBLE AS v FROM traffic_daily WHERE date BETWEEN '2026-10-01' AND '2026-10-31'",
    );
    const c = cards(zh);
    expect(c.gmv.value.value).toBe(oct.gmv);
    expect(c.orders.value.value).toBe(oct.orders);
    expect(c.buyers.value.value).toBe(oct.buyers);
    expect(c.visitors.value.value).toBe(visits.v);
    expect(c.gmv.mom.value).toBeCloseTo((Number(oct.gmv) - Number(sep.gmv)) / Number(sep.gmv), 12);

    // channels (NULL channel shown as "not set"), with shares of the table total
    const channels = await sql(`SELECT coalesce(channel, '') AS k, sum(paid_total)::DOUBLE AS gmv FROM orders
      WHERE paid_at IS NOT NULL AND paid_date BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY 1`);
    const rows = tableRows(zh, 'structure', '按渠道');
    expect(rows).toHaveLength(channels.length);
    for (const r of rows) {
      const label = String(r[0].value);
      const hit = channels.find((x) => (x.k === '' ? '（未填写）' : x.k) === label);
      expect(r[1].value).toBe(hit?.gmv);
      expect(r[2].value).toBeCloseTo(Number(hit?.gmv) / 1625, 12);
    }

    // categories come from order lines
    const cats = await sql(`SELECT p.category AS k, sum(l.paid_amount)::DOUBLE AS gmv
      FROM order_lines l JOIN orders o USING (order_id) JOIN products p USING (sku)
      WHERE o.paid_at IS NOT NULL AND o.paid_date BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY 1`);
    for (const r of tableRows(zh, 'structure', '按类目')) {
      expect(r[1].value).toBe(cats.find((x) => x.k === r[0].value)?.gmv);
    }

    // new vs returning: first paid order ever in the month
    const [nr] = await sql(`WITH f AS (SELECT customer_id, min(paid_date) AS first FROM orders
        WHERE paid_at IS NOT NULL GROUP BY 1)
      SELECT sum(CASE WHEN f.first >= DATE '2026-10-01' THEN paid_total END)::DOUBLE AS new_gmv,
             sum(CASE WHEN f.first < DATE '2026-10-01' THEN paid_total END)::DOUBLE AS ret_gmv
      FROM orders o JOIN f USING (customer_id)
      WHERE o.paid_at IS NOT NULL AND o.paid_date BETWEEN '2026-10-01' AND '2026-10-31'`);
    const ct = tableRows(zh, 'structure', '新老客 GMV');
    expect(ct[0][1].value).toBe(nr.new_gmv);
    expect(ct[1][1].value).toBe(nr.ret_gmv);
    expect([nr.new_gmv, nr.ret_gmv]).toEqual([945, 680]);

    // provinces: top 10 and the other 2 folded (湖南 30 + 安徽 25)
    const prov = tableRows(zh, 'structure', 'GMV 前 10 的省份');
    expect(prov).toHaveLength(11);
    expect(prov[0].map((f) => f.value).slice(0, 2)).toEqual(['北京', 500]);
    expect(prov[10].map((f) => f.value).slice(0, 2)).toEqual(['其他 2 个省份', 55]);

    // daily GMV, aligned by day of month with September
    const daily = await sql(`SELECT paid_date::VARCHAR AS d, sum(paid_total)::DOUBLE AS gmv FROM orders
      WHERE paid_at IS NOT NULL AND paid_date BETWEEN '2026-09-01' AND '2026-10-31' GROUP BY 1`);
    const byDate = new Map(daily.map((x) => [String(x.d), Number(x.gmv)]));
    const t = section(zh, 'daily-trend').blocks.find((b) => b.type === 'table');
    if (t?.type !== 'table') throw new Error('no daily table');
    expect(t.rows).toHaveLength(31);
    t.rows.forEach((r, i) => {
      const day = String(i + 1).padStart(2, '0');
      expect(r[1].value).toBe(byDate.get(`2026-10-${day}`) ?? 0);
      expect(r[2].value).toBe(i < 30 ? (byDate.get(`2026-09-${day}`) ?? 0) : null);
    });
    const sum = t.rows.reduce((a, r) => a + Number(r[1].value), 0);
    expect(sum).toBe(1625);
  });

  it('keeps a trace of every query with its SQL', () => {
    // Q1–Q9 through the metric layer, Q10–Q14 the customer analyses' SQL (cohorts, second purchase, RFM, tiers, repurchase)
    expect(zh.queries.map((q) => q.id)).toEqual(Array.from({ length: 14 }, (_, i) => `Q${i + 1}`));
    expect(zh.queries.slice(9).map((q) => ('analysis' in q.spec ? q.spec.analysis : ''))).toEqual([
      'cohortAnalysis',
      'secondPurchase',
      'rfmAnalysis',
      'tierAnalysis',
      'repurchaseAnalysis',
    ]);
    for (const q of zh.queries) expect(q.sql.length).toBeGreaterThan(0);
    expect(zh.queries[0].spec).toMatchObject({ period: { from: '2026-10-01', to: '2026-10-31' } });
  });

  it('lists the sources from the import ledger and the data coverage', () => {
    expect(zh.meta.sources).toEqual([
      { file: 'orders.csv', table: 'orders', rows: 20, importedAt: '2026-11-02 10:00' },
      { file: 'traffic.csv', table: 'traffic_daily', rows: 5, importedAt: '2026-11-02 10:01' },
    ]);
    expect(zh.meta.dataRanges.find((d) => d.table === 'orders')).toEqual({
      table: 'orders',
      from: '2025-10-10',
      to: '2026-11-01',
      rows: 19,
    });
  });

  it('renders Markdown identical to the golden file', () => {
    // The fixture shop's goldens (fixture-shop.test.ts) cover both languages and HTML; this one
    // covers what only this shop has: the ledger, a folded province row, an empty channel.
    expectGolden('report-shop/review-2026-10.zh.md', renderMarkdown(zh), withoutSql);
  });

  it('the HTML is self-contained', () => {
    const html = renderHtml(zh);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)|src=|https?:\/\/(?!www\.w3\.org)/);
    // 7 + the cohort heatmap and RFM segment chart of the customer section + the channel shares and the funnel
    expect(html.match(/<svg /g)?.length).toBe(11);
  });
});
