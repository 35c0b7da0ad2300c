import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPerformance } from '../../src/analyses/channels/index.js';
import { explain } from '../../src/analyses/explain/index.js';
import { funnelAnalysis } from '../../src/analyses/funnel/index.js';
import {
  type Finding,
  findingsFromChannels,
  findingsFromExplanation,
  findingsFromFunnel,
  type RenderContext,
  rankFindings,
  renderFinding,
} from '../../src/findings/index.js';
import { DIMENSIONS, METRICS } from '../../src/metrics/index.js';
import { formatFigure } from '../../src/report/format/figure.js';
import { PLANTED, type PlantedShop, plantedShop } from '../analyses/planted-shop.js';

// Findings on the demo's planted month (ground truth in docs/demo.md), rendered in both languages.
let shop: PlantedShop;
beforeAll(async () => {
  shop = await plantedShop();
}, 120_000);
afterAll(() => shop?.wh.close());

const ctx = (lang: 'zh' | 'en'): RenderContext => ({
  lang,
  format: (x) =>
    formatFigure(
      { kind: x.kind === 'moneyDelta' ? 'money' : x.kind, value: x.value, decimals: x.kind === 'pp' ? 2 : 1 },
      { lang, currency: 'CNY' },
    ),
  metricLabel: (m) => METRICS[m]?.label[lang] ?? m,
  dimensionLabel: (d) => DIMENSIONS[d]?.label[lang] ?? d,
});
const byKind = (fs: Finding[], kind: string) => fs.filter((f) => f.kind === kind);

describe('findings', () => {
  it('conversion: the 信息流广告 share shift, mostly mix, with an action', async () => {
    const e = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth });
    const fs = rankFindings(findingsFromExplanation(e));
    const change = byKind(fs, 'metric_change')[0];
    expect(change.severity).toBe('critical'); // −25 %
    const shift = byKind(fs, 'mix_shift')[0];
    expect(shift.values).toEqual({ channel: '信息流广告' });
    expect(shift.numbers.shareFrom.value).toBeCloseTo(
      shop.truth.planted.realised.changes.feedVisitorShare[0],
      6,
    );
    expect(shift.action).toBe('review_low_intent_traffic');
    const split = byKind(fs, 'mix_rate_split')[0];
    expect(split.numbers.mixShare.value).toBeGreaterThan(0.5);
    const zh = renderFinding(shift, ctx('zh'));
    expect(zh).toMatch(/^信息流广告的占比从 1\d\.\d% 升至 (2|3)\d\.\d%（其支付转化率 0\.\d%，上月 1\.\d%）/);
    expect(zh).toMatch(/建议：/);
    expect(renderFinding(split, ctx('en'))).toMatch(/is mix \(shifting shares, [5-9]\d\.\d% of it\)/);
    expect(renderFinding(change, ctx('zh'))).toMatch(
      /^支付转化率从 7\.\d% 变为 [56]\.\d%（−[12]\.\d+个百分点，−2\d\.\d%）。$/,
    );
  });

  it('gmv factors and 客单价 composition', async () => {
    const g = findingsFromExplanation(
      await explain(shop.wh, { metric: 'gmv', month: PLANTED.endMonth, pairs: false }),
    );
    const f = byKind(g, 'gmv_factors')[0];
    const fen = (k: string) => Math.round((f.numbers[k].value ?? 0) * 100);
    expect(fen('visitors') + fen('conversion') + fen('atv')).toBe(fen('change'));
    expect(renderFinding(f, ctx('zh'))).toMatch(
      /^成交金额变化 [+−]¥.+ 拆解为：流量（访客数）贡献 \+¥.+，转化率贡献 −¥/,
    );
    const a = findingsFromExplanation(
      await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth, pairs: false }),
    );
    const comp = byKind(a, 'composition_shift')[0];
    expect(comp.values).toEqual({ price_band: 'under_100' });
    expect(renderFinding(comp, ctx('zh'))).toMatch(/^¥100 以下商品占销售额的比例从 2\d\.\d% 升至 2\d\.\d%/);
    expect(renderFinding(comp, ctx('en'))).toMatch(/^Items under ¥100 rose from/);
  });

  it('channels below ROAS 1 and the weakest funnel step', async () => {
    const c = findingsFromChannels(await channelPerformance(shop.wh, { month: PLANTED.endMonth }));
    for (const f of c) expect(f.numbers.roas.value).toBeLessThan(1);
    const fu = findingsFromFunnel(await funnelAnalysis(shop.wh, { month: PLANTED.endMonth }));
    expect(fu[0].values).toEqual({ step: 'buyers', from: 'checkouts' });
    expect(renderFinding(fu[0], ctx('zh'))).toMatch(/「提交订单 → 支付」一步的转化率从 \d+\.\d% 降至/);
  });
});
