import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ORDER_STATUSES } from '../schema/tables.js';
import { type Basket, COUPON_CODES, REFUND_REASONS } from './basket.js';
import type { OrderPlace, OrderSink } from './order-rows.js';
import type { BrandDayPlan } from './plant.js';

/**
 * The order pipeline between the simulation (main thread) and the worker that formats and writes
 * orders.csv and order_lines.csv (order-worker.ts), so that the two run on two cores. Orders travel as
 * integer records through SLOTS buffers of a SharedArrayBuffer; a slot is either being filled by the
 * main thread or read by the worker, handed over with Atomics (the main thread blocks only when every
 * slot is still waiting to be written). Records are written in the order they were produced, so the
 * files are byte-identical to the single-thread path.
 *
 * Record: orderNo, customer, channel, device, province, city, placedDay, placedSec, paidDay, paidSec,
 * status, campaignDay, coupon, presale, itemTotal, discountTotal, shipping, paidTotal, refundTotal, n,
 * then per line: sku, qty, discount, paid, refundedQty, refundedAmount, reason (money in fen; status,
 * coupon and reason as indexes into ORDER_STATUSES, COUPON_CODES and REFUND_REASONS).
 */
export const SLOTS = 8;
export const SLOT_INTS = 1 << 18;
export const HEADER_INTS = 20;
export const LINE_INTS = 7;
/** Control words: state per slot (0 free, 1 full), then FINISHED, ORDERS, LINES, ERROR, READY. */
export const CTRL_FINISHED = SLOTS;
export const CTRL_ORDERS = SLOTS + 1;
export const CTRL_LINES = SLOTS + 2;
export const CTRL_ERROR = SLOTS + 3;
export const CTRL_READY = SLOTS + 4;
/** How long to wait for the worker to come up before writing in the calling thread instead. */
const READY_TIMEOUT_MS = 20_000;
/** Slot length word meaning "no more records". */
export const END_OF_STREAM = -1;

export interface WorkerSetup {
  seed: number;
  firstDay: number;
  simFirst: number;
  days: number;
  months: string[];
  timeZone: string;
  brandDay: BrandDayPlan;
  couponCampaign: string;
  ordersPath: string;
  linesPath: string;
  ordersHeader: readonly string[];
  linesHeader: readonly string[];
  shared: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/**
 * How to start the worker: the compiled order-worker.js beside this module, or — running from source
 * (tests, tsx) — order-worker.ts through tsx's loader, registered inside the worker first.
 */
function workerSource(): { script: string | URL; eval: boolean } | undefined {
  const js = new URL('./order-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const ts = new URL('./order-worker.ts', import.meta.url);
  if (!existsSync(fileURLToPath(ts))) return undefined;
  let api: string;
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return { script: code, eval: true };
}

export class OrderRing implements OrderSink {
  /** Starts the worker; undefined when it cannot start (then the caller writes in its own thread). */
  static start(setup: Omit<WorkerSetup, 'shared' | 'control'>): OrderRing | undefined {
    const source = workerSource();
    if (!source) return undefined;
    const ring = new OrderRing(setup, source);
    const ctrl = ring.ctrl;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Atomics.load(ctrl, CTRL_READY) === 0 && Atomics.load(ctrl, CTRL_FINISHED) === 0) {
      if (Date.now() > deadline) break;
      Atomics.wait(ctrl, CTRL_READY, 0, 50);
    }
    if (Atomics.load(ctrl, CTRL_READY) === 1 && Atomics.load(ctrl, CTRL_ERROR) === 0) return ring;
    void ring.worker.terminate();
    return undefined;
  }

  private readonly data: Int32Array;
  private readonly ctrl: Int32Array;
  private readonly worker: Worker;
  private slot = 0;
  private pos = 1;
  private readonly status = new Map(ORDER_STATUSES.map((s, i) => [s as string, i]));
  private readonly coupon = new Map(COUPON_CODES.map((s, i) => [s, i]));
  private readonly reason = new Map(REFUND_REASONS.map((s, i) => [s, i]));

  private constructor(
    setup: Omit<WorkerSetup, 'shared' | 'control'>,
    source: { script: string | URL; eval: boolean },
  ) {
    const shared = new SharedArrayBuffer(SLOTS * SLOT_INTS * 4);
    const control = new SharedArrayBuffer((SLOTS + 5) * 4);
    this.data = new Int32Array(shared);
    this.ctrl = new Int32Array(control);
    this.worker = new Worker(source.script, {
      eval: source.eval,
      workerData: { ...setup, shared, control } satisfies WorkerSetup,
    });
    this.worker.unref();
    // A failure inside the worker is reported through the control words (and its own message);
    // failing to start at all is caught by start()'s timeout.
    this.worker.on('error', () => undefined);
  }

  order(
    orderNo: number,
    customer: number,
    place: OrderPlace,
    placedDay: number,
    placedSec: number,
    paidDay: number,
    paidSec: number,
    status: string,
    basket: Basket,
    campaignDay: number,
    presale: boolean,
  ): void {
    if (this.pos + HEADER_INTS + LINE_INTS * basket.n > SLOT_INTS) this.publish(this.pos);
    const d = this.data;
    let p = this.slot * SLOT_INTS + this.pos;
    d[p++] = orderNo;
    d[p++] = customer;
    d[p++] = place.channel;
    d[p++] = place.device;
    d[p++] = place.province;
    d[p++] = place.city;
    d[p++] = placedDay;
    d[p++] = placedSec;
    d[p++] = paidDay;
    d[p++] = paidSec;
    d[p++] = this.status.get(status)!;
    d[p++] = campaignDay;
    d[p++] = this.coupon.get(basket.coupons)!;
    d[p++] = presale ? 1 : 0;
    d[p++] = basket.itemTotal;
    d[p++] = basket.discountTotal;
    d[p++] = basket.shipping;
    d[p++] = basket.paidTotal;
    d[p++] = basket.refundTotal;
    d[p++] = basket.n;
    for (let i = 0; i < basket.n; i++) {
      d[p++] = basket.sku[i];
      d[p++] = basket.qty[i];
      d[p++] = basket.discount[i];
      d[p++] = basket.paid[i];
      d[p++] = basket.refQty[i];
      d[p++] = basket.refAmt[i];
      d[p++] = this.reason.get(basket.reason[i])!;
    }
    this.pos = p - this.slot * SLOT_INTS;
  }

  /** Hands the current slot (with `length` words used, or END_OF_STREAM) to the worker; takes the next. */
  private publish(length: number): void {
    const ctrl = this.ctrl;
    this.data[this.slot * SLOT_INTS] = length;
    Atomics.store(ctrl, this.slot, 1);
    Atomics.notify(ctrl, this.slot);
    this.slot = (this.slot + 1) % SLOTS;
    this.pos = 1;
    while (Atomics.load(ctrl, this.slot) !== 0) {
      if (Atomics.load(ctrl, CTRL_ERROR) !== 0 || Atomics.load(ctrl, CTRL_FINISHED) !== 0) {
        throw new Error('demo order worker stopped early (see its message above)');
      }
      Atomics.wait(ctrl, this.slot, 1, 1000);
    }
  }

  close(): { orders: number; lines: number } {
    if (this.pos > 1) this.publish(this.pos);
    this.publish(END_OF_STREAM);
    const ctrl = this.ctrl;
    while (Atomics.load(ctrl, CTRL_FINISHED) === 0) Atomics.wait(ctrl, CTRL_FINISHED, 0, 1000);
    if (Atomics.load(ctrl, CTRL_ERROR) !== 0) throw new Error('demo order worker failed');
    void this.worker.terminate();
    return { orders: Atomics.load(ctrl, CTRL_ORDERS), lines: Atomics.load(ctrl, CTRL_LINES) };
  }
}
