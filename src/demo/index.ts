import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sourceColumns, type TableName } from '../schema/tables.js';
import { addMonths, isoDate, monthStart, parseMonth, utcOffset } from './calendar.js';
import { buildCatalog } from './catalog.js';
import { CHANNELS } from './channels.js';
import { CsvWriter, csvField, utf8 } from './csv-writer.js';
import {
  F_SPENT,
  FS,
  I_ACQUISITION,
  I_MEMBER,
  I_PROVINCE,
  I_REG_DAY,
  I_REG_SEC,
  IS,
  memberTier,
} from './customers.js';
import { PROVINCES } from './geo.js';
import { groundTruth } from './ground-truth.js';
import { formatFen } from './money.js';
import { brandDayPlan, stockoutPlan } from './plant.js';
import { simulate } from './simulate.js';
import { writeTargets } from './targets.js';

/**
 * The demo shop: a seeded synthetic online shop written as canonical CSV files (one per table) plus
 * ground-truth.json describing what was planted. Same options → byte-identical files.
 */
export interface DemoOptions {
  outDir: string;
  /** Months of history ending with endMonth (≥ 2). Default 24. */
  months?: number;
  /** Last month of the data, 'YYYY-MM'; the planted month. */
  endMonth: string;
  /** Multiplies customers, traffic and spend. Default 1 (≈ 200 k order lines over 24 months). */
  scale?: number;
  seed?: number;
  /** Store time zone of the written instants. Default Asia/Shanghai. */
  timeZone?: string;
  onProgress?: (daysDone: number, days: number) => void;
  /**
   * 2 (default): orders and order lines are formatted and written by a worker thread while the shop is
   * simulated (same bytes as 1). 1: everything in the calling thread.
   */
  threads?: 1 | 2;
}

export interface DemoResult {
  files: Record<TableName, string>;
  groundTruthPath: string;
  /** Data rows written per table (headers not counted). */
  counts: Record<TableName, number>;
  ms: number;
  /** 2 when a worker thread wrote orders and order lines, else 1. */
  threads: number;
}

/** The columns the demo's row writers produce, in order: the canonical source columns of each table. */
export const DEMO_COLUMNS: Record<TableName, readonly string[]> = {
  orders: [
    'order_id',
    'placed_at',
    'customer_id',
    'paid_at',
    'status',
    'store_id',
    'channel',
    'device',
    'province',
    'city',
    'currency',
    'item_total',
    'discount_total',
    'shipping_fee',
    'tax',
    'paid_total',
    'refund_total',
    'campaign_id',
    'coupon_codes',
    'is_presale',
  ],
  order_lines: [
    'order_id',
    'line_no',
    'sku',
    'quantity',
    'unit_price',
    'discount',
    'paid_amount',
    'refunded_quantity',
    'refunded_amount',
    'refund_reason',
  ],
  customers: ['customer_id', 'registered_at', 'member_tier', 'province', 'acquisition_channel'],
  products: [
    'sku',
    'product_id',
    'title',
    'category',
    'subcategory',
    'brand',
    'unit_cost',
    'list_price',
    'launched_at',
  ],
  traffic_daily: [
    'date',
    'channel',
    'device',
    'store_id',
    'visitors',
    'sessions',
    'product_views',
    'add_to_carts',
    'checkouts',
  ],
  marketing_spend: ['date', 'channel', 'campaign_id', 'spend', 'impressions', 'clicks'],
  targets: ['period', 'metric', 'dimension', 'dimension_value', 'target'],
};

/** The header of a table's file; fails loudly when the canonical schema moved away from the writers. */
function header(t: TableName): readonly string[] {
  const canonical = sourceColumns(t).map((c) => c.name);
  if (canonical.join(',') !== DEMO_COLUMNS[t].join(',')) {
    throw new Error(`demo writer for ${t} is out of date with src/schema/tables.ts: ${canonical.join(',')}`);
  }
  return DEMO_COLUMNS[t];
}

export function generateDemo(opts: DemoOptions): DemoResult {
  const started = performance.now();
  const months = opts.months ?? 24;
  const scale = opts.scale ?? 1;
  const seed = opts.seed ?? 42;
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  parseMonth(opts.endMonth);
  if (!Number.isInteger(months) || months < 2 || months > 120)
    throw new RangeError('months must be an integer in 2..120');
  if (!(scale > 0) || scale > 1000) throw new RangeError('scale must be in (0, 1000]');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const files: Record<TableName, string> = {
    orders: join(outDir, 'orders.csv'),
    order_lines: join(outDir, 'order_lines.csv'),
    customers: join(outDir, 'customers.csv'),
    products: join(outDir, 'products.csv'),
    traffic_daily: join(outDir, 'traffic_daily.csv'),
    marketing_spend: join(outDir, 'marketing_spend.csv'),
    targets: join(outDir, 'targets.csv'),
  };
  const writerTables = ['customers', 'products', 'traffic_daily', 'marketing_spend', 'targets'] as const;
  const w = Object.fromEntries(writerTables.map((t) => [t, new CsvWriter(files[t], header(t))])) as Record<
    (typeof writerTables)[number],
    CsvWriter
  >;

  const firstDay = monthStart(addMonths(opts.endMonth, -(months - 1)));
  const catalog = buildCatalog(seed, firstDay);
  for (const s of catalog.skus) {
    w.products.row(
      `${s.sku},${s.productId},${csvField(s.title)},${s.category},${s.subcategory},${s.brand},${formatFen(s.unitCostFen)},${formatFen(s.listPriceFen)},${isoDate(s.launchedDay)}\n`,
    );
  }
  const stockout = { ...stockoutPlan(opts.endMonth), sku: catalog.bands[1].skus[0] };
  const brandDay = brandDayPlan(opts.endMonth);
  const sim = simulate({
    months,
    endMonth: opts.endMonth,
    scale,
    seed,
    timeZone,
    catalog,
    stockout,
    brandDay,
    writers: { traffic: w.traffic_daily, spend: w.marketing_spend },
    orderFiles: {
      orders: files.orders,
      lines: files.order_lines,
      ordersHeader: header('orders'),
      linesHeader: header('order_lines'),
    },
    threads: opts.threads ?? 2,
    onProgress: opts.onProgress,
  });

  // Customers: byte-level rows (a million customers at large scales), with per-day stamps cached.
  const stamps = new Map<number, [Uint8Array, Uint8Array]>();
  const stampOf = (d: number): [Uint8Array, Uint8Array] => {
    let s = stamps.get(d);
    if (s === undefined) {
      s = [utf8(`${isoDate(d)} `), utf8(utcOffset(d, timeZone))];
      stamps.set(d, s);
    }
    return s;
  };
  const provinceBytes = PROVINCES.map((p) => utf8(p.name));
  const channelBytes = CHANNELS.map((c) => utf8(c));
  const tierBytes = new Map<string, Uint8Array>();
  const { store } = sim;
  for (let c = 0; c < store.size; c++) {
    const [date, offset] = stampOf(store.i[c * IS + I_REG_DAY]);
    const tier = memberTier(store.i[c * IS + I_MEMBER] === 1, store.f[c * FS + F_SPENT]);
    let tb = tierBytes.get(tier);
    if (tb === undefined) {
      tb = utf8(tier);
      tierBytes.set(tier, tb);
    }
    const row = w.customers
      .begin()
      .char(85)
      .int(10_000_001 + c)
      .comma();
    row
      .bytes(date)
      .clock(store.i[c * IS + I_REG_SEC])
      .bytes(offset)
      .comma()
      .bytes(tb)
      .comma();
    row
      .bytes(provinceBytes[store.i[c * IS + I_PROVINCE]])
      .comma()
      .bytes(channelBytes[store.i[c * IS + I_ACQUISITION]])
      .end();
  }
  writeTargets(sim.ledger, seed, w.targets);
  for (const writer of Object.values(w)) writer.close();

  const truth = groundTruth({ sim, catalog, seed, scale, timeZone, stockout, brandDay });
  const groundTruthPath = join(outDir, 'ground-truth.json');
  writeFileSync(groundTruthPath, `${JSON.stringify(truth, null, 2)}\n`);
  const counts = {
    ...(Object.fromEntries(writerTables.map((t) => [t, w[t].rows])) as Record<
      (typeof writerTables)[number],
      number
    >),
    orders: sim.orderRows,
    order_lines: sim.lineRows,
  };
  return {
    files,
    groundTruthPath,
    counts,
    ms: Math.round(performance.now() - started),
    threads: sim.threads,
  };
}

export { lastCompleteMonth } from './calendar.js';
