import type { DimensionDef } from '../types.js';

/** Dimensions, by name. Which fact tables support which dimension is decided by each source. */
export const DIMENSIONS: Readonly<Record<string, DimensionDef>> = Object.freeze({
  day: dim('day', '日', 'Day', 'Calendar day in the store time zone, YYYY-MM-DD.', 'day'),
  week: dim(
    'week',
    '周',
    'Week',
    'Week in the store time zone, labelled by its first day (YYYY-MM-DD); weeks start on the configured weekStart.',
    'week',
  ),
  month: dim('month', '月', 'Month', 'Calendar month in the store time zone, YYYY-MM.', 'month'),
  quarter: dim('quarter', '季度', 'Quarter', 'Calendar quarter, YYYY-Qn.', 'quarter'),
  year: dim('year', '年', 'Year', 'Calendar year, YYYY.', 'year'),
  store: dim('store', '店铺', 'Store', 'orders.store_id / traffic_daily.store_id.'),
  channel: dim(
    'channel',
    '渠道',
    'Channel',
    'orders.channel / traffic_daily.channel / marketing_spend.channel (conformed: names must match).',
  ),
  device: dim(
    'device',
    '终端',
    'Device',
    'orders.device / traffic_daily.device (traffic rows without a device, i.e. all devices, form the "" group).',
  ),
  province: dim('province', '省份', 'Province', 'orders.province (shipping province).'),
  city: dim('city', '城市', 'City', 'orders.city (shipping city).'),
  customer_type: dim(
    'customer_type',
    '新老客',
    'Customer type',
    '"new" when the customer’s first paid order ever falls in the row’s period (the date bucket when grouped by a date grain, else the query period), otherwise "returning" (customer_facts.first_paid_date).',
  ),
  member_tier: dim(
    'member_tier',
    '会员等级',
    'Member tier',
    'customers.member_tier of the buyer: its current tier, carried on the orders as orders.member_tier.',
  ),
  category: dim('category', '类目', 'Category', 'products.category of the order line’s SKU.'),
  subcategory: dim('subcategory', '子类目', 'Subcategory', 'products.subcategory of the order line’s SKU.'),
  brand: dim('brand', '品牌', 'Brand', 'products.brand of the order line’s SKU.'),
  sku: dim('sku', 'SKU', 'SKU', 'order_lines.sku.'),
  price_band: dim(
    'price_band',
    '价格带',
    'Price band',
    'Band of the order line’s unit price (list price per unit): under_100 (< ¥100), 100_to_300 (¥100 to < ¥300), 300_plus (≥ ¥300).',
  ),
});

/** Dimensions that live on order lines (through products): they switch order metrics to line level. */
export const LINE_DIMENSIONS: ReadonlySet<string> = new Set([
  'category',
  'subcategory',
  'brand',
  'sku',
  'price_band',
]);

function dim(
  name: string,
  zh: string,
  en: string,
  description: string,
  grain?: DimensionDef['grain'],
): DimensionDef {
  return Object.freeze({ name, label: { zh, en }, description, ...(grain ? { grain } : {}) });
}
