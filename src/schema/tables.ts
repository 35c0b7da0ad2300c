/**
 * The canonical tables of DESIGN.md §3: column types, required columns and natural keys.
 * Ingest validates against these; the warehouse creates them; the metric layer reads them.
 */
export type ColumnType =
  | 'varchar'
  | 'integer'
  | 'bigint'
  | 'double'
  /** Money: DECIMAL(18,2) in the database, integer fen/cents in TypeScript. */
  | 'money'
  | 'boolean'
  | 'date'
  | 'timestamptz';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Computed by fupan at load time (never read from a source file). */
  derived?: boolean;
  description: string;
}

export interface TableDef {
  name: TableName;
  description: string;
  /** Natural key: importing a row with the same key updates it. */
  key: string[];
  columns: ColumnDef[];
}

export type TableName =
  | 'orders'
  | 'order_lines'
  | 'customers'
  | 'products'
  | 'traffic_daily'
  | 'marketing_spend'
  | 'targets';

const c = (
  name: string,
  type: ColumnType,
  description: string,
  extra: Partial<ColumnDef> = {},
): ColumnDef => ({
  name,
  type,
  description,
  ...extra,
});
const req = { required: true } as const;
const derived = { derived: true } as const;

export const ORDER_STATUSES = [
  'placed',
  'paid',
  'shipped',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TABLES: Record<TableName, TableDef> = {
  orders: {
    name: 'orders',
    description: 'One row per order. A paid order (paid_at set) counts in the period of paid_at.',
    key: ['order_id'],
    columns: [
      c('order_id', 'varchar', 'Order number as the platform shows it', req),
      c('placed_at', 'timestamptz', 'When the order was placed', req),
      c('customer_id', 'varchar', 'Buyer; guests get a hash of phone/email or "guest:<order_id>"', req),
      c('paid_at', 'timestamptz', 'When payment succeeded; empty for unpaid orders'),
      c('status', 'varchar', `One of ${ORDER_STATUSES.join(', ')}`),
      c('store_id', 'varchar', 'Store or shop id when one database holds several'),
      c('channel', 'varchar', 'Traffic source / 渠道 the order came through'),
      c('device', 'varchar', 'Device (app, mobile web, pc, mini program)'),
      c('province', 'varchar', 'Shipping province / region'),
      c('city', 'varchar', 'Shipping city'),
      c('currency', 'varchar', 'ISO currency of the amounts'),
      c('item_total', 'money', 'Σ list price × quantity of the lines', req),
      c('discount_total', 'money', 'All discounts on the order'),
      c('shipping_fee', 'money', 'Shipping charged to the buyer'),
      c('tax', 'money', 'Tax charged'),
      c('paid_total', 'money', 'Amount the buyer paid (实付金额)', req),
      c('refund_total', 'money', 'Amount refunded so far'),
      c('campaign_id', 'varchar', 'Campaign the order is attributed to'),
      c('coupon_codes', 'varchar', 'Coupon codes used, comma-separated'),
      c('is_presale', 'boolean', 'Pre-sale (预售) order'),
      c('placed_date', 'date', 'placed_at as a date in the store time zone', derived),
      c('paid_date', 'date', 'paid_at as a date in the store time zone', derived),
      c(
        'member_tier',
        'varchar',
        "The buyer's customers.member_tier, kept by imports of orders and of customers",
        derived,
      ),
    ],
  },
  order_lines: {
    name: 'order_lines',
    description: 'One row per line of an order.',
    key: ['order_id', 'line_no'],
    columns: [
      c('order_id', 'varchar', 'Order the line belongs to', req),
      c('line_no', 'integer', 'Line number within the order, from 1', req),
      c('sku', 'varchar', 'SKU / 商品编码', req),
      c('quantity', 'integer', 'Units (negative on return lines of invoice-style exports)', req),
      c('unit_price', 'money', 'List price per unit', req),
      c('discount', 'money', 'Discount allocated to the line'),
      c('paid_amount', 'money', 'Amount paid for the line (quantity × unit_price − discount when absent)'),
      c('refunded_quantity', 'integer', 'Units refunded'),
      c('refunded_amount', 'money', 'Amount refunded on the line'),
      c('refund_reason', 'varchar', 'Why it was refunded'),
      c('order_paid_date', 'date', "The order's paid_date, kept by imports of lines and of orders", derived),
      c(
        'order_customer_id',
        'varchar',
        "The order's customer_id, kept by imports of lines and of orders",
        derived,
      ),
    ],
  },
  customers: {
    name: 'customers',
    description: 'One row per customer; derived from orders when no customer file was imported.',
    key: ['customer_id'],
    columns: [
      c('customer_id', 'varchar', 'Customer / member id', req),
      c('registered_at', 'timestamptz', 'Registration time'),
      c('member_tier', 'varchar', 'Membership tier (会员等级)'),
      c('province', 'varchar', 'Home province'),
      c('acquisition_channel', 'varchar', 'Channel that brought the customer'),
    ],
  },
  products: {
    name: 'products',
    description: 'One row per SKU.',
    key: ['sku'],
    columns: [
      c('sku', 'varchar', 'SKU / 商品编码', req),
      c('product_id', 'varchar', 'Product (SPU) the SKU belongs to'),
      c('title', 'varchar', 'Product title'),
      c('category', 'varchar', 'Category / 类目'),
      c('subcategory', 'varchar', 'Sub-category'),
      c('brand', 'varchar', 'Brand'),
      c('unit_cost', 'money', 'Cost of goods per unit'),
      c('list_price', 'money', 'List price'),
      c('launched_at', 'date', 'Launch date'),
    ],
  },
  traffic_daily: {
    name: 'traffic_daily',
    description: 'Daily traffic per channel and device (访客数 etc.).',
    key: ['date', 'channel', 'device', 'store_id'],
    columns: [
      c('date', 'date', 'Day in the store time zone', req),
      c('channel', 'varchar', 'Traffic source', req),
      c('device', 'varchar', 'Device; empty means all devices'),
      c('store_id', 'varchar', 'Store id'),
      c('visitors', 'bigint', 'Unique visitors (UV) of the day', req),
      c('sessions', 'bigint', 'Sessions / visits'),
      c('product_views', 'bigint', 'Visitors who viewed a product page'),
      c('add_to_carts', 'bigint', 'Visitors who added to cart'),
      c('checkouts', 'bigint', 'Visitors who reached checkout'),
    ],
  },
  marketing_spend: {
    name: 'marketing_spend',
    description: 'Advertising spend per day, channel and campaign.',
    key: ['date', 'channel', 'campaign_id'],
    columns: [
      c('date', 'date', 'Day in the store time zone', req),
      c('channel', 'varchar', 'Paid channel', req),
      c('campaign_id', 'varchar', 'Campaign / plan id'),
      c('spend', 'money', 'Spend (花费/消耗)', req),
      c('impressions', 'bigint', 'Impressions (展现量)'),
      c('clicks', 'bigint', 'Clicks (点击量)'),
    ],
  },
  targets: {
    name: 'targets',
    description: 'Monthly targets per metric, optionally per dimension value.',
    key: ['period', 'metric', 'dimension', 'dimension_value'],
    columns: [
      c('period', 'varchar', 'Month, YYYY-MM', req),
      c('metric', 'varchar', 'Metric name from the registry (gmv, orders, …)', req),
      c('dimension', 'varchar', 'Dimension name; empty for the whole store'),
      c('dimension_value', 'varchar', 'Dimension value; empty for the whole store'),
      c('target', 'double', 'Target value in the metric’s unit', req),
    ],
  },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLES, name);
}

/** Columns a source file may provide (everything not derived). */
export function sourceColumns(table: TableName): ColumnDef[] {
  return TABLES[table].columns.filter((col) => !col.derived);
}

export function requiredColumns(table: TableName): string[] {
  return TABLES[table].columns.filter((col) => col.required).map((col) => col.name);
}

/** A table fupan derives from the canonical ones and keeps consistent on every import (never imported). */
export interface DerivedTableDef {
  name: string;
  description: string;
  /** One row per distinct value of these columns. */
  key: string[];
  columns: ColumnDef[];
}

/** Derived tables described in docs/data-model.md; maintained by src/warehouse/derived.ts. */
export const DERIVED_TABLES: Record<'customer_months', DerivedTableDef> = {
  customer_months: {
    name: 'customer_months',
    description:
      'One row per customer and month with a paid order: the month’s orders and GMV, and the totals up to it.',
    key: ['customer_id', 'month'],
    columns: [
      c('customer_id', 'varchar', 'Customer'),
      c('month', 'date', 'First day of the month (store time zone) of orders.paid_date'),
      c('cohort_month', 'date', 'The customer’s first month with a paid order (the same on every row)'),
      c('paid_orders', 'bigint', 'Paid orders in the month'),
      c('paid_gmv', 'money', 'Σ paid_total of those orders'),
      c('first_paid_date', 'date', 'First paid_date in the month'),
      c('last_paid_date', 'date', 'Last paid_date in the month'),
      c('cum_paid_orders', 'bigint', 'Paid orders from the first month up to this one'),
      c('cum_paid_gmv', 'money', 'Σ paid_total from the first month up to this one'),
      c('next_month', 'date', 'The customer’s next month with a paid order; empty for the latest'),
      c('next_paid_date', 'date', 'First paid_date in next_month'),
    ],
  },
};
