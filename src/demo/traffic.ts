import { CHANNEL_PROFILES, CHANNELS, DEVICES } from './channels.js';
import type { CsvWriter } from './csv-writer.js';
import type { Rng } from './random.js';
import { noiseFactor } from './samplers.js';

const NC = CHANNELS.length;
const ND = DEVICES.length;

/**
 * Daily traffic per channel × device, derived from the day's orders so that the two agree: visitors =
 * (0.7 × non-paid buyers + 0.3 × their moving average) ÷ the channel's conversion (± 10 % noise) + paid
 * clicks, never fewer than the buyers; product views, carts and checkouts fall in between.
 */
export class TrafficDay {
  /** Per cell (channel × device) for the current day. */
  readonly organicBuyers = new Float64Array(NC * ND);
  readonly spendBuyers = new Float64Array(NC * ND);
  readonly clicks = new Float64Array(NC * ND);
  private readonly ema = new Float64Array(NC * ND).fill(-1);

  constructor(
    private readonly rng: Rng,
    private readonly out: CsvWriter,
  ) {}

  reset(): void {
    this.organicBuyers.fill(0);
    this.spendBuyers.fill(0);
    this.clicks.fill(0);
  }

  /** Writes the day's rows; returns visitors per channel. */
  write(date: string, conversionFactor: number): number[] {
    const rng = this.rng;
    const perChannel = new Array<number>(NC).fill(0);
    for (let ch = 0; ch < NC; ch++) {
      const prof = CHANNEL_PROFILES[ch];
      const conv = prof.conversion * conversionFactor;
      for (let d = 0; d < ND; d++) {
        if (prof.devices[d] === 0) continue;
        const cell = ch * ND + d;
        const org = this.organicBuyers[cell];
        this.ema[cell] = this.ema[cell] < 0 ? org : 0.8 * this.ema[cell] + 0.2 * org;
        const buyers = org + this.spendBuyers[cell];
        const base = (0.7 * org + 0.3 * this.ema[cell]) / conv;
        const visitors = Math.max(buyers, Math.round(base * noiseFactor(rng, 0.1)) + this.clicks[cell]);
        if (visitors === 0) continue;
        const views = buyers + Math.round((visitors - buyers) * (0.55 + 0.15 * rng.next()));
        const carts = buyers + Math.round((views - buyers) * (0.18 + 0.1 * rng.next()));
        const checkouts = buyers + Math.round((carts - buyers) * (0.4 + 0.15 * rng.next()));
        const sessions = Math.round(visitors * (1.25 + 0.3 * rng.next()));
        this.out.row(
          `${date},${CHANNELS[ch]},${DEVICES[d]},main,${visitors},${sessions},${views},${carts},${checkouts}\n`,
        );
        perChannel[ch] += visitors;
      }
    }
    return perChannel;
  }
}
