import type { AliasTable } from './alias-table.js';
import { CATEGORIES, type Catalog } from './catalog.js';
import { allocateLargestRemainder } from './money.js';
import type { Rng } from './random.js';
import { poisson } from './samplers.js';

/** At most this many lines in an order. */
export const MAX_LINES = 8;

/** Why a line was refunded (full refunds, partial refunds, price adjustment). */
const FULL_REASONS = ['不想要了', '尺码不合适', '质量问题', '发错货', '物流太慢'];
const PARTIAL_REASONS = ['部分退货', '少件补偿', '质量问题'];
const PRICE_ADJUSTMENT = '价保退差价';
/** Every refund reason once ('' = none): the worker pipeline sends reasons as indexes into this list. */
export const REFUND_REASONS: readonly string[] = [
  '',
  ...new Set([...FULL_REASONS, ...PARTIAL_REASONS]),
  PRICE_ADJUSTMENT,
];
/** Every coupon code an order can carry ('' = none). */
export const COUPON_CODES: readonly string[] = ['', 'NEW10', 'VIP15', 'FUGOU20'];

/** Order-level price rule in force: 满减 "every `thresholdFen` off `offFen`". */
export interface PriceRules {
  thresholdFen: number;
  offFen: number;
  /** Channel price (直播专享价): share of item total off. */
  channelShare: number;
  /** Coupon code and value, or '' for none. */
  coupon: string;
  couponFen: number;
  couponMinFen: number;
}

/**
 * One order's lines and amounts, reused from order to order (no allocation in the hot loop).
 * Invariants after `price()`: paidTotal = itemTotal − discountTotal + shipping;
 * Σ paid[i] = itemTotal − discountTotal; after `refund()`: refundTotal ≤ paidTotal.
 */
export class Basket {
  n = 0;
  readonly sku = new Int32Array(MAX_LINES);
  readonly qty = new Int32Array(MAX_LINES);
  readonly gross: number[] = new Array(MAX_LINES).fill(0);
  readonly discount: number[] = new Array(MAX_LINES).fill(0);
  readonly paid: number[] = new Array(MAX_LINES).fill(0);
  readonly refQty = new Int32Array(MAX_LINES);
  readonly refAmt: number[] = new Array(MAX_LINES).fill(0);
  readonly reason: string[] = new Array(MAX_LINES).fill('');
  itemTotal = 0;
  discountTotal = 0;
  shipping = 0;
  paidTotal = 0;
  refundTotal = 0;
  coupons = '';

  constructor(private readonly catalog: Catalog) {}

  /**
   * Draws the lines: 1 + Poisson(extraLines) distinct SKUs, each from a price band (channel taste)
   * then by Zipf popularity within the band. `blockedSku` (a stock-out) is never drawn.
   */
  draw(rng: Rng, bandTable: AliasTable, extraLines: number, blockedSku: number): void {
    const want = Math.min(MAX_LINES, 1 + poisson(rng, extraLines));
    const { bands, skus } = this.catalog;
    let n = 0;
    for (let attempt = 0; attempt < want * 2 && n < want; attempt++) {
      const b = bandTable.draw(rng);
      const band = bands[b];
      const s = band.skus[band.table.draw(rng)];
      if (s === blockedSku) continue;
      let dup = false;
      for (let j = 0; j < n; j++) if (this.sku[j] === s) dup = true;
      if (dup) continue;
      const u = rng.next();
      const q =
        b === 0
          ? u < 0.7
            ? 1
            : u < 0.9
              ? 2
              : u < 0.97
                ? 3
                : 4 + rng.int(3)
          : b === 1
            ? u < 0.88
              ? 1
              : 2
            : u < 0.97
              ? 1
              : 2;
      this.sku[n] = s;
      this.qty[n] = q;
      this.gross[n] = q * skus[s].listPriceFen;
      n++;
    }
    if (n === 0) {
      // Every attempt hit the blocked SKU or a duplicate: fall back to the band's best seller that is not blocked.
      const fallback = bands[0].skus[0] === blockedSku ? bands[0].skus[1] : bands[0].skus[0];
      this.sku[0] = fallback;
      this.qty[0] = 1;
      this.gross[0] = skus[fallback].listPriceFen;
      n = 1;
    }
    this.n = n;
  }

  /** Applies discounts (capped at half the item total), allocates them to lines, adds shipping. */
  price(rules: PriceRules): void {
    let item = 0;
    for (let i = 0; i < this.n; i++) item += this.gross[i];
    let disc = 0;
    if (rules.thresholdFen > 0) disc += Math.floor(item / rules.thresholdFen) * rules.offFen;
    if (rules.channelShare > 0) disc += Math.round(item * rules.channelShare);
    this.coupons = '';
    if (rules.coupon !== '' && item >= rules.couponMinFen) {
      disc += rules.couponFen;
      this.coupons = rules.coupon;
    }
    disc = Math.min(disc, Math.floor(item / 2));
    this.itemTotal = item;
    this.discountTotal = disc;
    if (disc > 0) allocateLargestRemainder(disc, this.gross, this.n, this.discount);
    for (let i = 0; i < this.n; i++) {
      if (disc === 0) this.discount[i] = 0;
      this.paid[i] = this.gross[i] - this.discount[i];
      this.refQty[i] = 0;
      this.refAmt[i] = 0;
      this.reason[i] = '';
    }
    const goods = item - disc;
    this.shipping = goods < 3900 ? 600 : 0;
    this.paidTotal = goods + this.shipping;
    this.refundTotal = 0;
  }

  /**
   * Refunds: full (40 %: every line and the shipping) or partial (one line's units, or a price
   * adjustment on a single-unit order). Returns 'refunded', 'partially_refunded' or '' for none.
   */
  refund(rng: Rng, probability: number): '' | 'refunded' | 'partially_refunded' {
    const cat = CATEGORIES[this.catalog.skus[this.sku[0]].categoryIndex];
    if (!rng.chance(probability * cat.refundFactor)) return '';
    if (rng.chance(0.4)) {
      const reason = FULL_REASONS[rng.int(FULL_REASONS.length)];
      for (let i = 0; i < this.n; i++) {
        this.refQty[i] = this.qty[i];
        this.refAmt[i] = this.paid[i];
        this.reason[i] = reason;
      }
      this.refundTotal = this.paidTotal;
      return 'refunded';
    }
    const i = rng.int(this.n);
    if (this.qty[i] > 1) {
      const k = 1 + rng.int(this.qty[i] - 1);
      this.refQty[i] = k;
      this.refAmt[i] = Math.floor((this.paid[i] * k) / this.qty[i]);
      this.reason[i] = PARTIAL_REASONS[rng.int(PARTIAL_REASONS.length)];
    } else if (this.n > 1) {
      this.refQty[i] = 1;
      this.refAmt[i] = this.paid[i];
      this.reason[i] = FULL_REASONS[rng.int(FULL_REASONS.length)];
    } else {
      this.refAmt[i] = Math.max(1, Math.round(this.paid[i] * (0.1 + 0.2 * rng.next())));
      this.reason[i] = PRICE_ADJUSTMENT;
    }
    this.refundTotal = this.refAmt[i];
    return 'partially_refunded';
  }
}
