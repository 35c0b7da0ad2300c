import type { Rng } from './random.js';
import { noiseFactor } from './samplers.js';

/**
 * Paid media with diminishing returns, in the form Meta's Robyn uses: spend carries over through a
 * geometric adstock A(t) = s(t) + θ·A(t−1), and the channel's spend-driven GMV per day is
 * β · Hill(A) with Hill(A) = A^α / (A^α + K^α). The demo plants these curves; ground-truth.json
 * records θ, α, K and β so that response-curve fitting can be checked against them.
 */

/** Geometric adstock of a series (Robyn): 100×5 with θ = 0.5 → 100, 150, 175, 187.5, 193.75. */
export function geometricAdstock(spend: readonly number[], theta: number): number[] {
  const out: number[] = [];
  let carry = 0;
  for (const s of spend) {
    carry = s + theta * carry;
    out.push(carry);
  }
  return out;
}

/** Hill saturation x^α / (x^α + K^α) with half-saturation K (Robyn's inflexion). */
export function hill(x: number, alpha: number, k: number): number {
  if (x <= 0) return 0;
  const xa = x ** alpha;
  return xa / (xa + k ** alpha);
}

export interface MediaParams {
  channel: '信息流广告' | '搜索广告' | '达人种草' | '直播';
  /** Spend per day at scale 1 on an ordinary day at the start of the data. */
  baseSpendYuan: number;
  /** Cost per click (per visit for 达人种草) in yuan. */
  cpcYuan: number;
  /** Clicks ÷ impressions. */
  ctr: number;
  /** Geometric adstock decay θ (per day). */
  theta: number;
  /** Hill shape α. */
  hillAlpha: number;
  /** Hill half-saturation K, in adstocked yuan at scale 1. */
  halfSaturationYuan: number;
  /** Spend-driven orders per day at full saturation, at scale 1. */
  maxOrdersPerDay: number;
  /** Spend multiplier in festival windows (the peak day gets 1.5× more). */
  festivalBoost: number;
}

export const MEDIA: readonly MediaParams[] = [
  {
    channel: '信息流广告',
    baseSpendYuan: 250,
    cpcYuan: 1.0,
    ctr: 0.012,
    theta: 0.3,
    hillAlpha: 1.3,
    halfSaturationYuan: 450,
    maxOrdersPerDay: 7,
    festivalBoost: 1.8,
  },
  {
    channel: '搜索广告',
    baseSpendYuan: 350,
    cpcYuan: 3.5,
    ctr: 0.04,
    theta: 0.1,
    hillAlpha: 1.8,
    halfSaturationYuan: 700,
    maxOrdersPerDay: 25,
    festivalBoost: 1.6,
  },
  {
    channel: '达人种草',
    baseSpendYuan: 300,
    cpcYuan: 3,
    ctr: 0.02,
    theta: 0.6,
    hillAlpha: 1.0,
    halfSaturationYuan: 1200,
    maxOrdersPerDay: 12,
    festivalBoost: 1.5,
  },
  {
    channel: '直播',
    baseSpendYuan: 400,
    cpcYuan: 3.2,
    ctr: 0.025,
    theta: 0.2,
    hillAlpha: 2.0,
    halfSaturationYuan: 600,
    maxOrdersPerDay: 20,
    festivalBoost: 2.0,
  },
];

/**
 * Budget flights: one spend multiplier per 7-day block (log-normal, σ = 0.35, mean 1), so that each
 * channel's spend moves enough for a response curve to be identifiable. The last `flatDays` days get
 * 1 (the months compared by the planted ground truth see the plan, not noise).
 */
export function flightFactors(rng: Rng, days: number, flatDays: number): Float64Array {
  const out = new Float64Array(days);
  let f = 1;
  for (let d = 0; d < days; d++) {
    if (d % 7 === 0) f = noiseFactor(rng, 0.35);
    out[d] = d >= days - flatDays ? 1 : f;
  }
  return out;
}
