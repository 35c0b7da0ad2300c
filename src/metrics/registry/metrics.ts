import type { MetricDef, MetricFormat, MetricKind } from '../types.js';

/**
 * Which fact source computes a base metric:
 * - paid: paid orders (orders.paid_at set), dated by orders.paid_date; at line level (order_lines ⋈
 *   products) when a line dimension is grouped or filtered;
 * - placed: all placed orders, dated by orders.placed_date;
 * - traffic: traffic_daily; spend: marketing_spend.
 * Ratio metrics have no family: they are computed after the sources are joined.
 */
export type MetricFamily = 'paid' | 'placed' | 'traffic' | 'spend';

export interface MetricImpl extends MetricDef {
  family?: MetricFamily;
  /** Paid metrics computable only from order lines (units). */
  linesOnly?: boolean;
}

const PAID = ['orders', 'order_lines (line dimensions)', 'products (line dimensions)'];
const LINE_NOTE =
  'By category/brand/sku it is Σ order_lines.paid_amount (quantity × unit_price − discount when paid_amount is empty): it excludes shipping and order-level adjustments, so it does not sum to order GMV.';

function base(
  name: string,
  family: MetricFamily,
  kind: MetricKind,
  format: MetricFormat,
  label: [string, string],
  description: [string, string],
  formula: string,
  extra: Partial<MetricImpl> = {},
): MetricImpl {
  const tables =
    family === 'paid'
      ? PAID
      : family === 'placed'
        ? ['orders']
        : family === 'traffic'
          ? ['traffic_daily']
          : ['marketing_spend'];
  return {
    name,
    family,
    kind,
    format,
    label: { zh: label[0], en: label[1] },
    description: { zh: description[0], en: description[1] },
    formula,
    tables,
    ...extra,
  };
}

function ratio(
  name: string,
  num: string,
  den: string,
  format: MetricFormat,
  label: [string, string],
  description: [string, string],
  caveats?: string,
): MetricImpl {
  return {
    name,
    kind: 'ratio',
    format,
    ratio: { num, den },
    label: { zh: label[0], en: label[1] },
    description: { zh: description[0], en: description[1] },
    formula: `${num} ÷ ${den} (computed after aggregation; empty when ${den} is 0)`,
    ...(caveats ? { caveats } : {}),
  };
}

const LIST: MetricImpl[] = [
  base(
    'gmv',
    'paid',
    'sum',
    'money',
    ['成交金额', 'GMV'],
    ['支付订单的实付金额合计（不扣退款）', 'Amount paid on paid orders, refunds not subtracted'],
    'Σ orders.paid_total of orders with paid_at set, by paid_date',
    { caveats: `Includes orders later refunded or cancelled after payment. ${LINE_NOTE}` },
  ),
  base(
    'placed_amount',
    'placed',
    'sum',
    'money',
    ['下单金额', 'Placed amount'],
    ['所有下单订单的订单金额合计（含未支付、已取消）', 'Order value of all placed orders, paid or not'],
    'Σ order value of all orders by placed_date; order value = paid_total, or item_total − discount_total + shipping_fee for an unpaid order whose paid_total is 0',
    { caveats: 'Dated by placed_date, not paid_date. Not available by line dimensions or customer type.' },
  ),
  base(
    'net_sales',
    'paid',
    'sum',
    'money',
    ['净销售额', 'Net sales'],
    ['成交金额减去这些订单的退款', 'GMV minus the refunds of those orders'],
    'Σ (paid_total − refund_total) of paid orders, by paid_date',
    { caveats: `Refunds are attributed to the order’s paid date, not the refund date. ${LINE_NOTE}` },
  ),
  base(
    'refunds',
    'paid',
    'sum',
    'money',
    ['退款金额', 'Refunds'],
    ['支付订单的退款金额合计', 'Amount refunded on paid orders'],
    'Σ orders.refund_total of paid orders, by paid_date (order_lines.refunded_amount by line dimensions)',
    { caveats: 'Attributed to the paid date of the order.' },
  ),
  base(
    'orders',
    'paid',
    'count',
    'integer',
    ['支付订单数', 'Orders'],
    ['已支付订单数', 'Number of paid orders'],
    'count of orders with paid_at set, by paid_date',
    { caveats: 'By a line dimension an order counts once in every category/brand/sku it touched.' },
  ),
  base(
    'placed_orders',
    'placed',
    'count',
    'integer',
    ['下单订单数', 'Placed orders'],
    ['下单订单数（含未支付、已取消）', 'Number of placed orders, paid or not'],
    'count of orders by placed_date',
  ),
  base(
    'buyers',
    'paid',
    'distinct',
    'integer',
    ['支付买家数', 'Buyers'],
    ['有支付订单的不同买家数', 'Distinct customers with a paid order'],
    'count of distinct customer_id of paid orders',
    { caveats: 'Distinct per row: buyers of rows do not add up to the total.' },
  ),
  ratio(
    'atv',
    'gmv',
    'buyers',
    'money',
    ['客单价', 'Revenue per buyer'],
    ['成交金额 ÷ 支付买家数（国内平台口径）', 'GMV ÷ buyers (the Chinese platforms’ 客单价)'],
  ),
  ratio(
    'aov',
    'gmv',
    'orders',
    'money',
    ['笔单价', 'AOV'],
    ['成交金额 ÷ 支付订单数', 'GMV ÷ orders (average order value)'],
  ),
  base(
    'units',
    'paid',
    'sum',
    'integer',
    ['销售件数', 'Units'],
    ['支付订单的商品件数', 'Units on paid orders'],
    'Σ order_lines.quantity of paid orders',
    { linesOnly: true, caveats: 'Needs order_lines; refunded units are not subtracted.' },
  ),
  base(
    'visitors',
    'traffic',
    'sum',
    'integer',
    ['访客数', 'Visitors'],
    ['日访客数（UV）之和', 'Sum of daily unique visitors'],
    'Σ traffic_daily.visitors',
    {
      caveats:
        'A sum of daily UV: a visitor who came on two days counts twice. Grouped only by date, channel, device and store.',
    },
  ),
  base(
    'sessions',
    'traffic',
    'sum',
    'integer',
    ['访问次数', 'Sessions'],
    ['会话（访问）次数之和', 'Sum of sessions (visits)'],
    'Σ traffic_daily.sessions',
    {
      caveats:
        'Optional column: 0 when the traffic export has no such column. A sum of daily counts. Grouped only by date, channel, device and store.',
    },
  ),
  base(
    'product_views',
    'traffic',
    'sum',
    'integer',
    ['商品浏览人数', 'Product viewers'],
    ['浏览商品详情页的访客数之和', 'Sum of daily visitors who viewed a product page'],
    'Σ traffic_daily.product_views',
    {
      caveats:
        'Optional column: 0 when the traffic export has no such column. A sum of daily counts. Grouped only by date, channel, device and store.',
    },
  ),
  base(
    'add_to_carts',
    'traffic',
    'sum',
    'integer',
    ['加购人数', 'Add-to-cart visitors'],
    ['加入购物车的访客数之和', 'Sum of daily visitors who added to cart'],
    'Σ traffic_daily.add_to_carts',
    {
      caveats:
        'Optional column: 0 when the traffic export has no such column. A sum of daily counts. Grouped only by date, channel, device and store.',
    },
  ),
  base(
    'checkouts',
    'traffic',
    'sum',
    'integer',
    ['提交订单人数', 'Checkout visitors'],
    ['进入结算（提交订单）的访客数之和', 'Sum of daily visitors who reached checkout'],
    'Σ traffic_daily.checkouts',
    {
      caveats:
        'Optional column: 0 when the traffic export has no such column. A sum of daily counts. Grouped only by date, channel, device and store.',
    },
  ),
  ratio(
    'conversion',
    'buyers',
    'visitors',
    'percent',
    ['支付转化率', 'Conversion rate'],
    ['支付买家数 ÷ 访客数', 'Buyers ÷ visitors'],
    'Channel and device names in orders and traffic_daily must match for per-channel rates.',
  ),
  base(
    'new_buyers',
    'paid',
    'distinct',
    'integer',
    ['新客数', 'New buyers'],
    ['首次支付在本期的买家数', 'Buyers whose first paid order ever is in the period'],
    'buyers with customer_facts.first_paid_date in the row’s period',
    {
      caveats:
        'The row’s period is the date bucket when grouped by a date grain, else the query period. Needs order history: with a short history many buyers look new.',
    },
  ),
  ratio(
    'new_buyer_share',
    'new_buyers',
    'buyers',
    'percent',
    ['新客占比', 'New-buyer share'],
    ['新客数 ÷ 支付买家数', 'New buyers ÷ buyers'],
  ),
  base(
    'returning_buyers',
    'paid',
    'distinct',
    'integer',
    ['老客数', 'Returning buyers'],
    ['本期之前已有支付订单的买家数', 'Buyers who had a paid order before the period'],
    'buyers − new_buyers',
  ),
  base(
    'new_buyer_gmv',
    'paid',
    'sum',
    'money',
    ['新客成交金额', 'New-buyer GMV'],
    ['新客的成交金额', 'GMV of new buyers'],
    'Σ GMV of orders whose buyer is new in the row’s period',
  ),
  base(
    'returning_buyer_gmv',
    'paid',
    'sum',
    'money',
    ['老客成交金额', 'Returning-buyer GMV'],
    ['老客的成交金额', 'GMV of returning buyers'],
    'Σ GMV of orders whose buyer is returning',
  ),
  ratio(
    'new_buyer_gmv_share',
    'new_buyer_gmv',
    'gmv',
    'percent',
    ['新客成交占比', 'New-buyer GMV share'],
    ['新客成交金额 ÷ 成交金额', 'New-buyer GMV ÷ GMV'],
  ),
  base(
    'repeat_buyers',
    'paid',
    'distinct',
    'integer',
    ['复购买家数', 'Repeat buyers'],
    ['本期支付 2 笔及以上的买家数', 'Buyers with 2 or more paid orders in the period'],
    'buyers with ≥ 2 paid orders within the row',
  ),
  ratio(
    'repeat_rate',
    'repeat_buyers',
    'buyers',
    'percent',
    ['复购率', 'Repeat rate'],
    ['本期支付 2 笔及以上的买家 ÷ 支付买家数', 'Buyers with ≥ 2 paid orders in the period ÷ buyers'],
    'Orders are counted within the row (e.g. within the channel when grouped by channel).',
  ),
  base(
    'returning_customers',
    'paid',
    'distinct',
    'integer',
    ['多次购买买家数', 'Customers with repeat purchases'],
    [
      '截至本期末累计支付 2 笔及以上的本期买家数',
      'Buyers in the period with more than one paid order up to the period end',
    ],
    'buyers who are returning (paid before the row’s period) or have ≥ 2 paid orders within the row',
    {
      caveats: 'Lifetime is counted up to the end of the row’s period, so past periods do not change later.',
    },
  ),
  ratio(
    'returning_customer_rate',
    'returning_customers',
    'buyers',
    'percent',
    ['回头客比例', 'Returning customer rate'],
    [
      '截至期末累计 2 笔及以上的买家 ÷ 支付买家数（Shopify 口径）',
      'Buyers with > 1 lifetime paid orders (up to the period end) ÷ buyers (Shopify’s definition)',
    ],
  ),
  base(
    'refund_orders',
    'paid',
    'count',
    'integer',
    ['退款订单数', 'Refunded orders'],
    ['有退款的支付订单数', 'Paid orders with a refund'],
    'count of paid orders with refund_total > 0 (line level: refunded_amount > 0)',
  ),
  ratio(
    'refund_rate',
    'refunds',
    'gmv',
    'percent',
    ['退款率', 'Refund rate'],
    ['退款金额 ÷ 成交金额', 'Refunds ÷ GMV'],
  ),
  ratio(
    'return_rate',
    'refund_orders',
    'orders',
    'percent',
    ['退货率', 'Return rate'],
    ['有退款的订单 ÷ 支付订单数', 'Orders with a refund ÷ orders'],
  ),
  base(
    'spend',
    'spend',
    'sum',
    'money',
    ['推广花费', 'Spend'],
    ['广告花费合计', 'Advertising spend'],
    'Σ marketing_spend.spend',
    { caveats: 'Grouped only by date and channel.' },
  ),
  base(
    'impressions',
    'spend',
    'sum',
    'integer',
    ['展现量', 'Impressions'],
    ['广告展现量', 'Ad impressions'],
    'Σ marketing_spend.impressions',
  ),
  base(
    'clicks',
    'spend',
    'sum',
    'integer',
    ['点击量', 'Clicks'],
    ['广告点击量', 'Ad clicks'],
    'Σ marketing_spend.clicks',
  ),
  ratio(
    'roas',
    'gmv',
    'spend',
    'ratio',
    ['投入产出比', 'ROAS'],
    ['成交金额 ÷ 推广花费（中文报告写作 1:x）', 'GMV ÷ spend'],
    'Grouped by channel it is the channel’s GMV ÷ its spend (orders attributed by orders.channel); without channel it is all GMV, organic included, ÷ all spend.',
  ),
  ratio(
    'cac',
    'spend',
    'new_buyers',
    'money',
    ['获客成本', 'CAC'],
    ['推广花费 ÷ 新客数', 'Spend ÷ new buyers'],
  ),
  ratio('cpc', 'spend', 'clicks', 'money', ['点击单价', 'CPC'], ['推广花费 ÷ 点击量', 'Spend ÷ clicks']),
  ratio(
    'ctr',
    'clicks',
    'impressions',
    'percent',
    ['点击率', 'CTR'],
    ['点击量 ÷ 展现量', 'Clicks ÷ impressions'],
  ),
];

/** Every base and ratio metric, by name (target metrics are resolved by `metricDef`). */
export const METRIC_IMPLS: Readonly<Record<string, MetricImpl>> = Object.freeze(
  Object.fromEntries(LIST.map((m) => [m.name, Object.freeze(m)])),
);

/** Public view of the registry. */
export const METRICS: Readonly<Record<string, MetricDef>> = METRIC_IMPLS;
