import type { Basket } from './basket.js';
import type { Catalog } from './catalog.js';
import { CHANNELS, DEVICES } from './channels.js';
import { type CsvWriter, utf8 } from './csv-writer.js';
import type { DayTable } from './day-table.js';
import { PROVINCES } from './geo.js';
import { formatFen } from './money.js';

const MAIN = utf8(',main,');
const ZERO = utf8('0.00');
const TRUE = utf8('true');
const FALSE = utf8('false');
const NO_REFUND = utf8('0,0.00,');

/** Where an order was placed and shipped: channel, device, province, city (indexes). */
export interface OrderPlace {
  channel: number;
  device: number;
  province: number;
  city: number;
}

/** Campaign of an order: the day's campaign (`days.campaign[day]`), or this for the 复购券 campaign. */
export const COUPON_CAMPAIGN_DAY = -2;

/** Receives the orders of the simulation (written here, or sent to a worker that writes them). */
export interface OrderSink {
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
  ): void;
  /** Flushes and closes the files; returns the rows written. */
  close(): { orders: number; lines: number };
}

/**
 * Writes orders.csv and order_lines.csv rows byte by byte from a priced basket: order ids `E<n>`,
 * customer ids `U<n>`, instants from the day table's date and offset bytes, every repeated text field
 * pre-encoded once.
 */
export class OrderRows implements OrderSink {
  private readonly sku: Uint8Array[];
  /** List price of each SKU as written in order_lines, with its trailing comma. */
  private readonly price: Uint8Array[];
  private readonly where: Uint8Array[] = [];
  private readonly encoded = new Map<string, Uint8Array>();

  constructor(
    catalog: Catalog,
    private readonly days: DayTable,
    private readonly couponCampaign: string,
    private readonly orders: CsvWriter,
    private readonly lines: CsvWriter,
  ) {
    this.sku = catalog.skus.map((s) => utf8(s.sku));
    this.price = catalog.skus.map((s) => utf8(`${formatFen(s.listPriceFen)},`));
  }

  private text(s: string): Uint8Array {
    let b = this.encoded.get(s);
    if (b === undefined) {
      b = utf8(s);
      this.encoded.set(s, b);
    }
    return b;
  }

  private whereOf(p: OrderPlace): Uint8Array {
    const key = ((p.channel * DEVICES.length + p.device) * PROVINCES.length + p.province) * 4 + p.city;
    let b = this.where[key];
    if (b === undefined) {
      const prov = PROVINCES[p.province];
      b = utf8(`${CHANNELS[p.channel]},${DEVICES[p.device]},${prov.name},${prov.cities[p.city]},CNY,`);
      this.where[key] = b;
    }
    return b;
  }

  /**
   * One order with its lines. `paidDay` < 0 writes an unpaid order (no paid_at, refund 0) — the
   * abandoned twin of a paid one.
   */
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
    const { stamp, offset } = this.days;
    const campaignId =
      campaignDay === COUPON_CAMPAIGN_DAY ? this.couponCampaign : this.days.campaign[campaignDay];
    const paid = paidDay >= 0;
    const o = this.orders.begin().char(69).int(orderNo).comma();
    o.bytes(stamp[placedDay]).clock(placedSec).bytes(offset[placedDay]).comma();
    o.char(85)
      .int(10_000_001 + customer)
      .comma();
    if (paid) o.bytes(stamp[paidDay]).clock(paidSec).bytes(offset[paidDay]);
    o.comma().bytes(this.text(status)).bytes(MAIN).bytes(this.whereOf(place));
    o.fen(basket.itemTotal).comma().fen(basket.discountTotal).comma().fen(basket.shipping).comma();
    o.bytes(ZERO).comma().fen(basket.paidTotal).comma();
    if (paid) o.fen(basket.refundTotal);
    else o.bytes(ZERO);
    o.comma().bytes(this.text(campaignId)).comma().bytes(this.text(basket.coupons)).comma();
    o.bytes(presale ? TRUE : FALSE).end();
    this.writeLines(orderNo, basket, paid);
  }

  close(): { orders: number; lines: number } {
    this.orders.close();
    this.lines.close();
    return { orders: this.orders.rows, lines: this.lines.rows };
  }

  private writeLines(orderNo: number, basket: Basket, withRefund: boolean): void {
    for (let i = 0; i < basket.n; i++) {
      const k = basket.sku[i];
      const l = this.lines.begin().char(69).int(orderNo).comma();
      l.int(i + 1)
        .comma()
        .bytes(this.sku[k])
        .comma();
      l.int(basket.qty[i]).comma().bytes(this.price[k]).fen(basket.discount[i]).comma();
      l.fen(basket.paid[i]).comma();
      if (withRefund && basket.refAmt[i] > 0) {
        l.int(basket.refQty[i]).comma().fen(basket.refAmt[i]).comma();
        l.bytes(this.text(basket.reason[i])).end();
      } else l.bytes(NO_REFUND).end();
    }
  }
}
