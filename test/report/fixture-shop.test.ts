import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { MetricRow } from '../../src/metrics/types.js';
import type { Report } from '../../src/report/model.js';
import { monthlyReport } from '../../src/report/monthly.js';
import { renderHtml } from '../../src/report/render/html.js';
import { renderMarkdown } from '../../src/report/render/markdown.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop } from '../helpers/fixture-shop.js';
import { expectGolden, withoutSql } from './helpers/golden.js';

/** Golden text: without the metric layer's SQL, and with import times (the fixture loads at test time) blanked. */
const normalize = (s: string) => withoutSql(s).replace(/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/g, '<import time>');

import { cards, section, tableRows, verifyFigures } from './helpers/report-checks.js';

// The shared hand-made fixture shop (test/fixtures/shop/README.md); expected values by hand below.
let wh: Warehouse;
let zh: Report;
let en: Report;

beforeAll(async () => {
  wh = await openFixtureShop();
  const req = { now: new Date('2026-11-20T02:00:00Z'), omitGeneratedAt: true, shop: 'fixture' };
  zh = await monthlyReport(wh, DEFAULT_CONFIG, { ...req, lang: 'zh' });
  en = await monthlyReport(wh, DEFAULT_CONFIG, { ...req, lang: 'en' });
});
afterAll(() => wh.close());

describe('monthly report on the fixture shop', () => {
  it('reviews October 2026 (the data runs into 1 November)', () => {
    expect([zh.meta.month, en.meta.month]).toEqual(['2026-10', '2026-10']);
  });

  it('shows the hand-computed headline numbers', () => {
    const c = cards(zh);
    // GMV: S4 80 + T1 230 + T2 100 + T3 200 + T4 48 + T5 150 + T6 100 + T7 80 = 988 (T8 is November)
    expect(c.gmv.value.value).toBe(988);
    expect(c.gmv.mom.value).toBeCloseTo((988 - 316) / 316, 12); // September: 90 + 150 + 46 + 30
    expect(c.gmv.yoy.value).toBeCloseTo((988 - 280) / 280, 12); // 2025-10: 200 + 80
    expect(c.gmv.completion?.value).toBeCloseTo(0.988, 12); // target 1,000
    expect(c.orders.value.value).toBe(8);
    expect(c.orders.completion?.value).toBeCloseTo(0.8, 12); // target 10
    expect(c.buyers.value.value).toBe(6); // u5, u1, u2, u3, u7, u8
    expect(c.atv.value.value).toBe(164.67); // 988 / 6
    expect(c.aov.value.value).toBe(123.5); // 988 / 8
    expect(c.visitors.value.value).toBe(300); // 100 + 20 + 50 + 30 + 40 + 60 (not 11-01's 999)
    expect(c.conversion.value.value).toBeCloseTo(6 / 300, 12);
    expect(c.conversion.mom.value).toBeCloseTo(6 / 300 - 4 / 200, 12); // Sept: 4 buyers, 200 visitors
    expect(c.conversion.completion?.value).toBeCloseTo(0.02 / 0.025, 12);
    const ct = tableRows(zh, 'structure', '新老客 GMV');
    expect(ct.map((r) => r[1].value)).toEqual([410, 578]); // new: S4, T5, T6, T7; returning: T1–T4
  });

  it('every figure equals query() for its spec, directly or recomputed', async () => {
    for (const r of [zh, en]) {
      const n = await verifyFigures(wh, r);
      expect(n.direct).toBeGreaterThan(60);
      expect(n.derived).toBeGreaterThan(30);
    }
  });

  it('matches independent SQL: channels and daily GMV', async () => {
    const sql = async (text: string) => (await wh.query(text)) as MetricRow[];
    const channels = await sql(`SELECT channel AS k, sum(paid_total)::DOUBLE AS gmv FROM orders
      WHERE paid_at IS NOT NULL AND paid_date BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY 1`);
    const sept = await sql(`SELECT channel AS k, sum(paid_total)::DOUBLE AS gmv FROM orders
      WHERE paid_at IS NOT NULL AND paid_date BETWEEN '2026-09-01' AND '2026-09-30' GROUP BY 1`);
    const rows = tableRows(zh, 'structure', '按渠道');
    // 私域 sold only in September: it keeps a row with GMV 0 and share −(30 ÷ 316)
    expect(rows.map((r) => r[0].value)).toEqual(['直播', '搜索', '短视频', '私域']);
    for (const r of rows) {
      const cur = Number(channels.find((x) => x.k === r[0].value)?.gmv ?? 0);
      const base = Number(sept.find((x) => x.k === r[0].value)?.gmv ?? 0);
      expect(r[1].value).toBe(cur);
      expect(r[3].value as number).toBeCloseTo(cur / 988 - base / 316, 12);
    }
    const daily = await sql(`SELECT paid_date::VARCHAR AS d, sum(paid_total)::DOUBLE AS gmv FROM orders
      WHERE paid_at IS NOT NULL AND paid_date BETWEEN '2026-10-01' AND '2026-10-31' GROUP BY 1`);
    const t = section(zh, 'daily-trend').blocks.find((b) => b.type === 'table');
    if (t?.type !== 'table') throw new Error('no daily table');
    for (const d of daily) expect(t.rows[Number(String(d.d).slice(8)) - 1][1].value).toBe(d.gmv);
    expect(t.rows.reduce((a, r) => a + Number(r[1].value), 0)).toBe(988);
  });

  it('renders the golden Markdown and HTML', () => {
    expectGolden('fixture-shop/review-2026-10.zh.md', renderMarkdown(zh), normalize);
    expectGolden('fixture-shop/review-2026-10.en.md', renderMarkdown(en), normalize);
    expectGolden('fixture-shop/review-2026-10.zh.html', renderHtml(zh), normalize);
    expectGolden('fixture-shop/review-2026-10.en.html', renderHtml(en), normalize);
  });
});
