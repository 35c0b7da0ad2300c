import { workerData } from 'node:worker_threads';
import { ORDER_STATUSES } from '../schema/tables.js';
import { Basket, COUPON_CODES, REFUND_REASONS } from './basket.js';
import { buildCatalog } from './catalog.js';
import { CsvWriter } from './csv-writer.js';
import { buildDayTable } from './day-table.js';
import {
  CTRL_ERROR,
  CTRL_FINISHED,
  CTRL_LINES,
  CTRL_ORDERS,
  CTRL_READY,
  END_OF_STREAM,
  SLOT_INTS,
  SLOTS,
  type WorkerSetup,
} from './order-ring.js';
import { type OrderPlace, OrderRows } from './order-rows.js';

/**
 * Worker side of the order pipeline (see order-ring.ts): rebuilds the catalogue and the day table from
 * the same inputs, reads order records slot by slot and writes them through OrderRows.
 */
const setup = workerData as WorkerSetup;
const data = new Int32Array(setup.shared);
const ctrl = new Int32Array(setup.control);

function run(): void {
  const catalog = buildCatalog(setup.seed, setup.firstDay);
  const days = buildDayTable(setup.simFirst, setup.days, setup.months, setup.timeZone, setup.brandDay);
  Atomics.store(ctrl, CTRL_READY, 1);
  Atomics.notify(ctrl, CTRL_READY);
  const rows = new OrderRows(
    catalog,
    days,
    setup.couponCampaign,
    new CsvWriter(setup.ordersPath, setup.ordersHeader),
    new CsvWriter(setup.linesPath, setup.linesHeader),
  );
  const basket = new Basket(catalog);
  const place: OrderPlace = { channel: 0, device: 0, province: 0, city: 0 };
  for (let slot = 0; ; slot = (slot + 1) % SLOTS) {
    while (Atomics.load(ctrl, slot) !== 1) Atomics.wait(ctrl, slot, 0, 1000);
    const base = slot * SLOT_INTS;
    const length = data[base];
    if (length === END_OF_STREAM) break;
    let p = base + 1;
    const end = base + length;
    while (p < end) {
      const orderNo = data[p++];
      const customer = data[p++];
      place.channel = data[p++];
      place.device = data[p++];
      place.province = data[p++];
      place.city = data[p++];
      const placedDay = data[p++];
      const placedSec = data[p++];
      const paidDay = data[p++];
      const paidSec = data[p++];
      const status = ORDER_STATUSES[data[p++]];
      const campaignDay = data[p++];
      basket.coupons = COUPON_CODES[data[p++]];
      const presale = data[p++] === 1;
      basket.itemTotal = data[p++];
      basket.discountTotal = data[p++];
      basket.shipping = data[p++];
      basket.paidTotal = data[p++];
      basket.refundTotal = data[p++];
      basket.n = data[p++];
      for (let i = 0; i < basket.n; i++) {
        basket.sku[i] = data[p++];
        basket.qty[i] = data[p++];
        basket.discount[i] = data[p++];
        basket.paid[i] = data[p++];
        basket.refQty[i] = data[p++];
        basket.refAmt[i] = data[p++];
        basket.reason[i] = REFUND_REASONS[data[p++]];
      }
      rows.order(
        orderNo,
        customer,
        place,
        placedDay,
        placedSec,
        paidDay,
        paidSec,
        status,
        basket,
        campaignDay,
        presale,
      );
    }
    Atomics.store(ctrl, slot, 0);
    Atomics.notify(ctrl, slot);
  }
  const counts = rows.close();
  Atomics.store(ctrl, CTRL_ORDERS, counts.orders);
  Atomics.store(ctrl, CTRL_LINES, counts.lines);
}

try {
  run();
} catch (e) {
  Atomics.store(ctrl, CTRL_ERROR, 1);
  process.stderr.write(`demo order worker: ${(e as Error).stack ?? String(e)}\n`);
} finally {
  Atomics.store(ctrl, CTRL_FINISHED, 1);
  Atomics.notify(ctrl, CTRL_FINISHED);
}
