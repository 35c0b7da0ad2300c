import { refreshDerived } from '../../../src/warehouse/derived.js';
import { Warehouse } from '../../../src/warehouse/warehouse.js';

/**
 * A tiny shop for the report tests, small enough to check by hand (store zone Asia/Shanghai).
 *
 * 2026-10 (the report month), paid orders by local paid date:
 *   GMV 1,625.00 from 12 orders and 11 buyers; new buyers c5–c11 (7) bring 945.00, returning c1–c4
 *   (4) bring 680.00; 客单价 1625 ÷ 11 = 147.73; AOV 1625 ÷ 12 = 135.42; visitors 240, conversion
 *   11 ÷ 240 = 4.58 %; targets GMV 2,000 (81.25 %) and orders 10 (120 %).
 *   12 provinces (the province table shows 10 and folds 2). One order has no channel.
 *   Edges: o01 placed 09-30 23:50 but paid 10-01 00:10 (counts in October); o13 paid 11-01 00:30
 *   local (= 10-31 16:30 UTC, counts in November); o14 never paid.
 * 2026-09 (MoM base): GMV 550.00, 4 orders, 3 buyers, 100 visitors.
 * 2025-10 (YoY base): GMV 300.00, 2 orders, 2 buyers, 50 visitors.
 */
const ORDERS: Array<[string, string, string, string | null, string | null, string, string, number]> = [
  // id, customer, placed (local), paid (local) or null, channel, device, province, paid_total
  ['y01', 'c1', '2025-10-10 10:00', '2025-10-10 10:01', '站内搜索', 'app', '广东', 100],
  ['y02', 'c2', '2025-10-12 11:00', '2025-10-12 11:05', '直播', 'pc', '浙江', 200],
  ['s01', 'c1', '2026-09-03 09:00', '2026-09-03 09:02', '站内搜索', 'app', '广东', 150],
  ['s02', 'c3', '2026-09-10 20:00', '2026-09-10 20:01', '直播', 'app', '浙江', 250],
  ['s03', 'c4', '2026-09-15 12:00', '2026-09-15 12:30', '信息流广告', 'pc', '江苏', 100],
  ['s04', 'c3', '2026-09-30 21:00', '2026-09-30 21:01', '站内搜索', 'app', '浙江', 50],
  ['o01', 'c1', '2026-09-30 23:50', '2026-10-01 00:10', '站内搜索', 'app', '广东', 300],
  ['o02', 'c3', '2026-10-01 10:00', '2026-10-01 10:01', '直播', 'app', '浙江', 200],
  ['o03', 'c5', '2026-10-05 10:00', '2026-10-05 10:01', '信息流广告', 'app', '江苏', 120],
  ['o04', 'c6', '2026-10-05 11:00', '2026-10-05 11:01', '信息流广告', 'pc', '上海', 80],
  ['o05', 'c7', '2026-10-11 20:00', '2026-10-11 20:01', '直播', 'app', '北京', 500],
  ['o06', 'c5', '2026-10-11 21:00', '2026-10-11 21:01', '站内搜索', 'pc', '山东', 60],
  ['o07', 'c8', '2026-10-15 08:00', '2026-10-15 08:01', '私域社群', 'mini', '四川', 90],
  ['o08', 'c2', '2026-10-20 09:00', '2026-10-20 09:01', '站内搜索', 'app', '湖北', 110],
  ['o09', 'c4', '2026-10-25 19:00', '2026-10-25 19:01', '信息流广告', 'app', '河南', 70],
  ['o10', 'c9', '2026-10-31 22:00', '2026-10-31 22:01', '站内搜索', 'app', '福建', 40],
  ['o11', 'c10', '2026-10-31 23:00', '2026-10-31 23:01', '直播', 'pc', '湖南', 30],
  ['o12', 'c11', '2026-10-31 23:30', '2026-10-31 23:31', null, 'app', '安徽', 25],
  ['o13', 'c12', '2026-11-01 00:20', '2026-11-01 00:30', '站内搜索', 'app', '广东', 66],
  ['o14', 'c13', '2026-10-20 10:00', null, '站内搜索', 'app', '广东', 999],
];

/** Lines: one per order on its category's SKU, except o05 (two lines). */
const SKU_OF: Record<string, string> = { 站内搜索: 'A', 直播: 'B', 信息流广告: 'C', 私域社群: 'A' };

const TRAFFIC: Array<[string, string, string, number]> = [
  ['2025-10-10', '站内搜索', 'app', 50],
  ['2026-09-10', '站内搜索', 'app', 100],
  ['2026-10-01', '站内搜索', 'app', 100],
  ['2026-10-15', '直播', 'app', 80],
  ['2026-10-20', '信息流广告', 'pc', 60],
];

const ts = (local: string) => `TIMESTAMPTZ '${local}:00+08'`;
const str = (s: string | null) => (s === null ? 'NULL' : `'${s}'`);

/** Creates the shop in a new database file and returns it open (store zone Asia/Shanghai). */
export async function createReportShop(path: string): Promise<Warehouse> {
  const wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai' });
  await wh.exec(`INSERT INTO products (sku, title, category, brand, list_price) VALUES
    ('A', '精华液', '美妆', '甲', 100), ('B', '洗发水', '个护', '乙', 50), ('C', '坚果', '食品', '丙', 20)`);
  for (const [id, customer, placed, paid, channel, device, province, total] of ORDERS) {
    await wh.exec(
      `INSERT INTO orders (order_id, customer_id, placed_at, paid_at, status, channel, device, province,
         item_total, paid_total, refund_total)
       VALUES ('${id}', '${customer}', ${ts(placed)}, ${paid ? ts(paid) : 'NULL'}, '${paid ? 'paid' : 'placed'}',
         ${str(channel)}, '${device}', '${province}', ${total}, ${total}, 0)`,
    );
    if (id === 'o05') {
      await wh.exec(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price, paid_amount) VALUES
        ('o05', 1, 'A', 3, 100, 300), ('o05', 2, 'B', 4, 50, 200)`);
    } else {
      const sku = channel ? SKU_OF[channel] : 'C';
      await wh.exec(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price, paid_amount)
        VALUES ('${id}', 1, '${sku}', 1, ${total}, ${total})`);
    }
  }
  for (const [date, channel, device, visitors] of TRAFFIC) {
    await wh.exec(`INSERT INTO traffic_daily (date, channel, device, visitors)
      VALUES (DATE '${date}', '${channel}', '${device}', ${visitors})`);
  }
  await wh.exec(
    `INSERT INTO targets (period, metric, target) VALUES ('2026-10', 'gmv', 2000), ('2026-10', 'orders', 10)`,
  );
  await wh.exec(`INSERT INTO _fupan_imports VALUES
    (1, '/data/exports/orders.csv', 'h1', 'orders', NULL, 20, 20, 0, 0, 0, TIMESTAMPTZ '2026-11-02 10:00:00+08', TIMESTAMPTZ '2026-11-02 10:00:01+08'),
    (2, '/data/exports/traffic.csv', 'h2', 'traffic_daily', NULL, 6, 5, 0, 0, 1, TIMESTAMPTZ '2026-11-02 10:01:00+08', TIMESTAMPTZ '2026-11-02 10:01:01+08')`);
  await refreshDerived(wh);
  return wh;
}
