import { CH } from './channels.js';
import type { CsvWriter } from './csv-writer.js';
import type { Ledger } from './ledger.js';
import { Rng } from './random.js';
import { noiseFactor } from './samplers.js';

/** Channels that get their own monthly GMV target. */
export const TARGET_CHANNELS = ['站内搜索', '直播', '信息流广告', '私域社群'] as const;

/** Planned growth over the same month last year (the plan the operator set). */
export const PLANNED_YOY_GROWTH = 0.3;

/**
 * Monthly targets as an operator sets them: the same month last year × (1 + planned growth), or —
 * without a year of history — the month's own level × 1.03, each with a little noise (σ 4 %) and
 * rounded (GMV to ¥1,000, orders and buyers to 10). Metrics: gmv (yuan), orders, buyers; gmv also
 * per channel for TARGET_CHANNELS.
 */
export function writeTargets(ledger: Ledger, seed: number, out: CsvWriter): void {
  const rng = new Rng(seed, 7);
  const plan = (series: ArrayLike<number>, m: number): number =>
    (m >= 12 ? series[m - 12] * (1 + PLANNED_YOY_GROWTH) : series[m] * 1.03) * noiseFactor(rng, 0.04);
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
