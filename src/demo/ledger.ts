import type { Basket } from './basket.js';
import type { Catalog } from './catalog.js';
import { CHANNELS } from './channels.js';
import type { CustomerStore } from './customers.js';
import { I_COUNT_PLANTED, I_COUNT_PREV, I_LAST_MONTH, IS } from './customers.js';

const NC = CHANNELS.length;

/**
 * Running totals of what the generator wrote, month by month (paid orders by the month of paid_at,
 * traffic and spend by date), kept so that targets and the realised ground truth come from the rows
 * themselves. Two months — the one before the planted month and the planted month — are tracked in
 * detail: distinct buyers per channel, price-band amounts and per-customer order counts.
 */
export class Ledger {
  readonly gmvFen: Float64Array;
  readonly orders: Float64Array;
  readonly buyers: Float64Array;
  readonly newBuyers: Float64Array;
  readonly chGmvFen: Float64Array;
  readonly chOrders: Float64Array;
  readonly chVisitors: Float64Array;
  readonly chSpendFen: Float64Array;
  readonly chSpendOrders: Float64Array;
  readonly chSpendGmvFen: Float64Array;
  /** Per tracked month: distinct (customer, channel) pairs as customer × 8 + channel. */
  readonly chBuyerSets: [Set<number>, Set<number>] = [new Set(), new Set()];
  /** Per tracked month × band: Σ line paid_amount (fen) and Σ quantity. */
  readonly bandFen = new Float64Array(6);
  readonly bandUnits = new Float64Array(6);

  constructor(
    readonly months: readonly string[],
    readonly prevIdx: number,
    readonly plantedIdx: number,
  ) {
    const m = months.length;
    this.gmvFen = new Float64Array(m);
    this.orders = new Float64Array(m);
    this.buyers = new Float64Array(m);
    this.newBuyers = new Float64Array(m);
    this.chGmvFen = new Float64Array(m * NC);
    this.chOrders = new Float64Array(m * NC);
    this.chVisitors = new Float64Array(m * NC);
    this.chSpendFen = new Float64Array(m * NC);
    this.chSpendOrders = new Float64Array(m * NC);
    this.chSpendGmvFen = new Float64Array(m * NC);
  }

  /** 0 for the previous month, 1 for the planted month, −1 otherwise. */
  tracked(m: number): number {
    return m === this.plantedIdx ? 1 : m === this.prevIdx ? 0 : -1;
  }

  /** Records a paid order in month m (the month of paid_at). */
  paidOrder(
    store: CustomerStore,
    catalog: Catalog,
    m: number,
    c: number,
    ch: number,
    basket: Basket,
    isFirst: boolean,
    spendDriven: boolean,
  ): void {
    const total = basket.paidTotal;
    this.gmvFen[m] += total;
    this.orders[m]++;
    this.chGmvFen[m * NC + ch] += total;
    this.chOrders[m * NC + ch]++;
    if (spendDriven) {
      this.chSpendOrders[m * NC + ch]++;
      this.chSpendGmvFen[m * NC + ch] += total;
    }
    if (store.i[c * IS + I_LAST_MONTH] !== m) {
      store.i[c * IS + I_LAST_MONTH] = m;
      this.buyers[m]++;
    }
    if (isFirst) this.newBuyers[m]++;
    const t = this.tracked(m);
    if (t < 0) return;
    this.chBuyerSets[t].add(c * NC + ch);
    if (t === 0) store.i[c * IS + I_COUNT_PREV]++;
    else store.i[c * IS + I_COUNT_PLANTED]++;
    for (let i = 0; i < basket.n; i++) {
      const band = catalog.skus[basket.sku[i]].band;
      this.bandFen[t * 3 + band] += basket.paid[i];
      this.bandUnits[t * 3 + band] += basket.qty[i];
    }
  }

  visitors(m: number, ch: number, n: number): void {
    this.chVisitors[m * NC + ch] += n;
  }

  spend(m: number, ch: number, fen: number): void {
    this.chSpendFen[m * NC + ch] += fen;
  }

  /** Distinct buyers per channel in a tracked month. */
  channelBuyers(t: number): number[] {
    const out = new Array<number>(NC).fill(0);
    for (const key of this.chBuyerSets[t]) out[key % NC]++;
    return out;
  }
}
