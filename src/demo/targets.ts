import { CH } from './channels.js';
import type { CsvWriter } from './csv-writer.js';
import type { Ledger } from './ledger.js';
import { Rng } from './random.js';
import { noiseFactor } from './samplers.js';

/** Channels that get their own monthly GMV target. */
export const TARGET_CHANNELS = ['站内搜索', '直播', '信息流广告', '私域社群'] as const;

/** Stretch on top of the trailing growth (the plan asks a little more than the trend). */
export const PLAN_STRETCH = 1.03;

/**
 * Monthly targets as an operator sets them: the same month last year × the trailing year-on-year
 * growth of the three months before the month two months earlier (what was known when planning) ×
 * PLAN_STRETCH; in the first 16 months of the data, the month's own level × PLAN_STRETCH. Each with a little
 * noise (σ 4 %) and rounded (GMV to ¥1,000, orders and buyers to 10). Metrics: gmv (yuan), orders,
 * buyers; gmv also per channel for TARGET_CHANNELS.
 */
export function writeTargets(ledger: Ledger, seed: number, out: CsvWriter): void {
  const rng = new Rng(seed, 7);
  const sum = (series: ArrayLike<number>, from: number, to: number): number => {
    let t = 0;
    for (let k = from; k <= to; k++) t += series[k];
    return t;
  };
  const plan = (series: ArrayLike<number>, m: number): number => {
    const base =
      m >= 16 && sum(series, m - 16, m - 14) > 0
        ? series[m - 12] * (sum(series, m - 4, m - 2) / sum(series, m - 16, m - 14))
        : series[m];
    return base * PLAN_STRETCH * noiseFactor(rng, 0.04);
  };
  const round = (v: number, step: number): number => Math.max(step, Math.round(v / step) * step);
  const nc = ledger.chGmvFen.length / ledger.months.length;
  ledger.months.forEach((period, m) => {
    out.row(`${period},gmv,,,${round(plan(ledger.gmvFen, m) / 100, 1000)}\n`);
    out.row(`${period},orders,,,${round(plan(ledger.orders, m), 10)}\n`);
    out.row(`${period},buyers,,,${round(plan(ledger.buyers, m), 10)}\n`);
    for (const name of TARGET_CHANNELS) {
      const series = Array.from(ledger.months, (_, k) => ledger.chGmvFen[k * nc + CH[name]] / 100);
      out.row(`${period},gmv,channel,${name},${round(plan(series, m), 1000)}\n`);
    }
  });
}
