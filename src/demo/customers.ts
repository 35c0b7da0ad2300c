/**
 * The customer population, interleaved: each customer's fields sit next to each other (one 32-byte
 * float record and one 48-byte integer record) so that handling a purchase touches two cache lines
 * rather than one line per field — at a million customers the simulation is bound by these random
 * accesses. Read and write fields as `store.f[c * FS + F_LAMBDA]`, `store.i[c * IS + I_NEXT]`.
 * `I_NEXT` makes an intrusive bucket queue: `head[day]` → customer → next customer … who buys that day.
 */
export const FS = 4;
/** Purchase rate per day (at seasonal factor 1). */
export const F_LAMBDA = 0;
/** Dropout probability after each repeat purchase. */
export const F_DROPOUT = 1;
/** Basket-size multiplier. */
export const F_AFFLUENCE = 2;
/** Lifetime paid amount (fen), including the burn-in. */
export const F_SPENT = 3;

export const IS = 12;
/** Lifetime paid orders, including the burn-in. */
export const I_PAID_ORDERS = 0;
/** Day number of the first / second paid order in the data window (−1: none yet). */
export const I_FIRST_DAY = 1;
export const I_SECOND_DAY = 2;
/** Registration day number and second of the day. */
export const I_REG_DAY = 3;
export const I_REG_SEC = 4;
/** Next customer in the same day bucket (−1: end). */
export const I_NEXT = 5;
/** Last data month index with a paid order (distinct buyers per month; −1: none). */
export const I_LAST_MONTH = 6;
export const I_PROVINCE = 7;
export const I_ACQUISITION = 8;
/** 1 = member. */
export const I_MEMBER = 9;
/** Paid orders in the previous and in the planted month. */
export const I_COUNT_PREV = 10;
export const I_COUNT_PLANTED = 11;

export class CustomerStore {
  size = 0;
  private cap: number;
  f: Float64Array;
  i: Int32Array;

  constructor(initial = 1024) {
    this.cap = initial;
    this.f = new Float64Array(initial * FS);
    this.i = new Int32Array(initial * IS);
  }

  /** Adds a customer (fields zero; first/second day, next and last month −1) and returns its index. */
  add(): number {
    if (this.size === this.cap) this.grow();
    const c = this.size++;
    const b = c * IS;
    this.i[b + I_FIRST_DAY] = -1;
    this.i[b + I_SECOND_DAY] = -1;
    this.i[b + I_NEXT] = -1;
    this.i[b + I_LAST_MONTH] = -1;
    return c;
  }

  private grow(): void {
    this.cap = Math.ceil(this.cap * 1.5);
    const f = new Float64Array(this.cap * FS);
    f.set(this.f);
    this.f = f;
    const i = new Int32Array(this.cap * IS);
    i.set(this.i);
    this.i = i;
  }
}

/** Member tiers by lifetime paid spend (customers who never joined have an empty tier). */
export const MEMBER_TIERS: ReadonlyArray<{ name: string; minFen: number }> = [
  { name: '钻石会员', minFen: 800_000 },
  { name: '金卡会员', minFen: 300_000 },
  { name: '银卡会员', minFen: 100_000 },
  { name: '普通会员', minFen: 0 },
];

export function memberTier(isMember: boolean, spentFen: number): string {
  if (!isMember) return '';
  return MEMBER_TIERS.find((t) => spentFen >= t.minFen)!.name;
}
