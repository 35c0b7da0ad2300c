import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakEvenSpend,
  fitResponseCurve,
  type MarginalRoi,
  marginalRoas,
  marginalRoi,
  planResponse,
  type ResponseCurve,
  reallocate,
  steadyResponse,
} from '../../src/analyses/response-curve/index.js';
import { generateDemo } from '../../src/demo/index.js';
import { findingsFromRoi } from '../../src/findings/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { geometricAdstock } from '../../src/stats/geometric-adstock.js';
import { hill } from '../../src/stats/hill.js';
import { mulberry32 } from '../../src/stats/mulberry32.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

/** Daily spend with weekly budget flights (log-normal σ 0.35) and daily noise, as the demo plans it. */
function flights(days: number, mean: number, seed: number): number[] {
  const u = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const out: number[] = [];
  let week = 1;
  for (let d = 0; d < days; d++) {
    if (d % 7 === 0) week = Math.exp(0.35 * normal());
    out.push(mean * week * Math.exp(0.08 * normal()));
  }
  return out;
}

describe('response curve fitting recovers planted parameters', () => {
  // Planted: θ 0.4, α 1.8, K 600, β 5000, base 2000; Gaussian noise with sd 3 % of the mean GMV.
  const planted: ResponseCurve = { theta: 0.4, alpha: 1.8, k: 600, beta: 5000, base: 2000 };
  const spend = flights(730, 400, 11);
  const u = mulberry32(12);
  const a = geometricAdstock(spend, planted.theta);
  const y = a.map((v) => {
    const g = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return planted.base + planted.beta * hill(v, planted.alpha, planted.k) + 120 * g;
  });
  const fit = fitResponseCurve(spend, y);

  it('θ within 0.05, α, K and β within 15 %, base within 10 %', () => {
    const c = fit.curve;
    expect(Math.abs(c.theta - 0.4)).toBeLessThan(0.05);
    expect(Math.abs(c.alpha / 1.8 - 1)).toBeLessThan(0.15);
    expect(Math.abs(c.k / 600 - 1)).toBeLessThan(0.15);
    expect(Math.abs(c.beta / 5000 - 1)).toBeLessThan(0.15);
    expect(Math.abs(c.base / 2000 - 1)).toBeLessThan(0.1);
    expect(fit.r2).toBeGreaterThan(0.8);
  });

  it('marginal ROAS and the 临界值 follow from the curve', () => {
    // Marginal ROAS at 400 a day, planted vs fitted, within 10 %.
    expect(marginalRoas(fit.curve, 400) / marginalRoas(planted, 400)).toBeCloseTo(1, 0);
    const be = breakEvenSpend(planted);
    expect(marginalRoas(planted, be)).toBeCloseTo(1, 9);
    expect(marginalRoas(planted, be * 1.01)).toBeLessThan(1);
    // A curve that never returns a yuan per yuan has no 临界值.
    expect(breakEvenSpend({ theta: 0, alpha: 1, k: 1000, beta: 500, base: 0 })).toBe(0);
  });

  it('reallocation moves budget to where the marginal return is higher and keeps the total', () => {
    const strong: ResponseCurve = { theta: 0.1, alpha: 1, k: 1000, beta: 10_000, base: 0 };
    const weak: ResponseCurve = { theta: 0.1, alpha: 1, k: 100, beta: 500, base: 0 };
    const plan = reallocate([strong, weak], [300, 300]);
    expect(plan[0] + plan[1]).toBeCloseTo(600, 9);
    expect(plan[0]).toBeCloseTo(450, 6); // weak is cut to its lower bound (½ × 300)
    expect(planResponse([strong, weak], plan)).toBeGreaterThan(planResponse([strong, weak], [300, 300]));
    expect(steadyResponse(strong, 0)).toBe(0);
  });
});

describe('marginal ROI on the demo shop (24 months, scale 1)', () => {
  let wh: Warehouse;
  let roi: MarginalRoi;
  // biome-ignore lint/suspicious/noExplicitAny: ground-truth.json is documented in docs/demo.md
  let truth: any;
  beforeAll(async () => {
    const dir = tempDir('fupan-roi-');
    const demo = generateDemo({
      outDir: join(dir, 'files'),
      months: 24,
      endMonth: '2026-10',
      scale: 1,
      seed: 42,
    });
    wh = await Warehouse.open(join(dir, 'shop.duckdb'), { allowedDirs: [join(dir, 'files')] });
    await importFiles(wh, Object.values(demo.files));
    truth = JSON.parse(readFileSync(demo.groundTruthPath, 'utf8'));
    roi = await marginalRoi(wh, { month: '2026-10', replicates: 20 });
  }, 240_000);
  afterAll(() => wh?.close());

  const planted = (ch: string): ResponseCurve => {
    const m = truth.media.find((x: { channel: string }) => x.channel === ch);
    return { theta: m.theta, alpha: m.alpha, k: m.halfSaturationYuan, beta: m.betaGmvPerDay, base: 0 };
  };

  it('信息流广告 is past its 临界值 in the planted month (marginal ROAS < 1), as planted', () => {
    const feed = roi.channels.find((c) => c.channel === '信息流广告')!;
    const m = truth.media.find((x: { channel: string }) => x.channel === '信息流广告');
    expect(m.marginalRoasInPlantedMonth).toBeLessThan(1);
    expect(feed.status).toBe('over');
    expect(feed.marginalRoas.value).toBeLessThan(1);
    expect(feed.marginalRoas.high).toBeLessThan(1);
    expect(feed.dailySpend).toBeGreaterThan(feed.breakEvenDailySpend.value!);
    // The planted 临界值 is below the month's spend as well, and within 20 % of the fitted one.
    const be = breakEvenSpend(planted('信息流广告'));
    expect(be).toBeLessThan(feed.dailySpend);
    expect(Math.abs(feed.breakEvenDailySpend.value! / be - 1)).toBeLessThan(0.2);
  });

  // Tolerances at the default demo scale (1, seed 42; docs/diagnosis.md): marginal ROAS at the month's
  // spend within 20 % of planted for 搜索广告 and 直播 (before the organic control 直播 came out at 8.1
  // against 4.4), within 35 % for 达人种草 (weak flights against its noise), within 0.25 for the saturated
  // 信息流广告 (planted 0.19: a relative tolerance means little near 0); θ within 0.1 for 搜索广告 and
  // 直播, 0.15 for 达人种草 (planted 0.6, it used to collapse to 0) and 0.2 for 信息流广告.
  it('recovers the planted marginal ROAS and adstock of every paid channel within the stated tolerances', () => {
    const tol: Record<string, { roas: number; abs?: boolean; theta: number }> = {
      信息流广告: { roas: 0.25, abs: true, theta: 0.2 },
      搜索广告: { roas: 0.2, theta: 0.1 },
      直播: { roas: 0.2, theta: 0.1 },
      达人种草: { roas: 0.35, theta: 0.15 },
    };
    expect(roi.channels.map((c) => c.channel).sort()).toEqual(Object.keys(tol).sort());
    for (const c of roi.channels) {
      const t = tol[c.channel];
      const want = marginalRoas(planted(c.channel), c.dailySpend);
      const off = t.abs ? Math.abs(c.marginalRoas.value - want) : Math.abs(c.marginalRoas.value / want - 1);
      expect(off, `${c.channel} marginal ROAS ${c.marginalRoas.value} vs planted ${want}`).toBeLessThan(
        t.roas,
      );
      const theta = truth.media.find((x: { channel: string }) => x.channel === c.channel).theta;
      expect(Math.abs(c.curve.theta - theta), `${c.channel} θ ${c.curve.theta} vs ${theta}`).toBeLessThan(
        t.theta,
      );
      expect(c.marginalRoas.low).toBeLessThanOrEqual(c.marginalRoas.value);
      expect(c.marginalRoas.high).toBeGreaterThanOrEqual(c.marginalRoas.value);
    }
    expect(roi.control).toEqual(['其他', '短视频', '私域社群', '站内搜索']);
  });

  it('leaves the calendar days out of the fits: the built-in calendar and the brand day, or none', async () => {
    // 2024-11-01…2026-10-31: 3.8 × 2; 618 (06-01…06-20) × 2 = 40; 双11 14 + 22 + 8 = 44; 双12 × 2 = 10;
    // 年货节 + 春节 (28 days before to 14 after Lunar New Year) 43 × 2 = 86; BRANDDAY-202607 3 → 185.
    expect(roi.excludedDays).toBe(2 + 40 + 44 + 10 + 86 + 3);
    const none = await marginalRoi(wh, {
      month: '2026-10',
      replicates: 2,
      calendar: { chinaDefaults: false, events: [], campaignsFromData: false, maxCampaignDays: 31 },
    });
    expect(none.excludedDays).toBe(0);
  });

  it('搜索广告 (under-invested) has the planted marginal ROAS within 20 %', () => {
    const search = roi.channels.find((c) => c.channel === '搜索广告')!;
    const m = truth.media.find((x: { channel: string }) => x.channel === '搜索广告');
    expect(search.status).toBe('under');
    expect(Math.abs(search.marginalRoas.value / m.marginalRoasInPlantedMonth - 1)).toBeLessThan(0.2);
  });

  it('the proposed split keeps the budget and raises expected GMV under the planted curves', () => {
    const r = roi.reallocation;
    const chans = Object.keys(r.current);
    const total = (xs: Record<string, number>) => chans.reduce((a, c) => a + xs[c], 0);
    expect(total(r.proposed)).toBeCloseTo(r.totalDailySpend, 6);
    expect(r.proposed.信息流广告).toBeLessThan(r.current.信息流广告);
    expect(r.proposed.搜索广告).toBeGreaterThan(r.current.搜索广告);
    const truthCurves = chans.map(planted);
    const gain =
      planResponse(
        truthCurves,
        chans.map((c) => r.proposed[c]),
      ) -
      planResponse(
        truthCurves,
        chans.map((c) => r.current[c]),
      );
    expect(gain).toBeGreaterThan(0);
    expect(r.gainPerDay.low).toBeGreaterThan(0);
    expect(r.probabilityBetter).toBe(1);
  });

  it('findings: 信息流广告 past its 临界值 (critical, cut spend)', () => {
    const f = findingsFromRoi(roi);
    const past = f.find((x) => x.kind === 'spend_past_break_even')!;
    expect(past.values).toEqual({ channel: '信息流广告' });
    expect(past.severity).toBe('critical');
    expect(past.action).toBe('cut_or_retarget_spend');
  });
});
