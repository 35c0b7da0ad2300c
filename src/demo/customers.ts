/**
 * The customer population as growable typed arrays (a million customers take ~50 MB), plus an
 * intrusive bucket queue: `head[day]` → customer → `next[customer]` … lists who buys on each day.
 */
export class CustomerStore {
  size = 0;
  private cap: number;
  lambda: Float64Array;
  dropout: Float64Array;
  affluence: Float64Array;
  spentFen: Float64Array;
  acquisition: Uint8Array;
  province: Uint8Array;
  alive: Uint8Array;
  member: Uint8Array;
  paidOrders: Int32Array;
  firstDay: Int32Array;
  secondDay: Int32Array;
  regDay: Int32Array;
  regSec: Int32Array;
  lastMonth: Int16Array;
  next: Int32Array;
  /** Paid orders in the two tracked months (previous and planted). */
  countPrev: Uint8Array;
  countPlanted: Uint8Array;

  constructor(initial = 1024) {
    this.cap = initial;
    this.lambda = new Float64Array(initial);
    this.dropout = new Float64Array(initial);
    this.affluence = new Float64Array(initial);
    this.spentFen = new Float64Array(initial);
    this.acquisition = new Uint8Array(initial);
    this.province = new Uint8Array(initial);
    this.alive = new Uint8Array(initial);
    this.member = new Uint8Array(initial);
    this.paidOrders = new Int32Array(initial);
    this.firstDay = new Int32Array(initial);
    this.secondDay = new Int32Array(initial);
    this.regDay = new Int32Array(initial);
    this.regSec = new Int32Array(initial);
    this.lastMonth = new Int16Array(initial);
    this.next = new Int32Array(initial);
    this.countPrev = new Uint8Array(initial);
    this.countPlanted = new Uint8Array(initial);
  }

  /** Adds a customer (fields zeroed, lastMonth = −1, secondDay = −1) and returns its index. */
  add(): number {
    if (this.size === this.cap) this.grow();
    const i = this.size++;
    this.lastMonth[i] = -1;
    this.secondDay[i] = -1;
    this.next[i] = -1;
    this.alive[i] = 1;
    return i;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.lambda = g(this.lambda);
    this.dropout = g(this.dropout);
    this.affluence = g(this.affluence);
    this.spentFen = g(this.spentFen);
    this.acquisition = g(this.acquisition);
    this.province = g(this.province);
    this.alive = g(this.alive);
    this.member = g(this.member);
    this.paidOrders = g(this.paidOrders);
    this.firstDay = g(this.firstDay);
    this.secondDay = g(this.secondDay);
    this.regDay = g(this.regDay);
    this.regSec = g(this.regSec);
    this.lastMonth = g(this.lastMonth);
    this.next = g(this.next);
    this.countPrev = g(this.countPrev);
    this.countPlanted = g(this.countPlanted);
    this.cap = cap;
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
