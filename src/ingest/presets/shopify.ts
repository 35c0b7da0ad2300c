import type { MappingSpec } from '../mapping-spec.js';
import { moneySql } from '../values.js';

/**
 * Shopify "Export orders" CSV: one row per line item; the order's fields (Financial Status, Total, …)
 * only on the first row of an order. `Name` (#1001) is the order id. Loads order_lines and derives
 * one orders row per Name, so an order with three lines is one order with its Total counted once.
 */
export const shopifyPreset: MappingSpec = {
  name: 'shopify',
  table: 'order_lines',
  deriveOrders: true,
  synonyms: false,
  columns: {
    Name: 'order_id',
    'Created at': 'placed_at',
    'Paid at': 'paid_at',
    Email: 'customer_email',
    Phone: 'customer_phone',
    Currency: 'currency',
    Shipping: 'shipping_fee',
    Taxes: 'tax',
    Total: 'paid_total',
    'Discount Amount': 'discount_total',
    'Discount Code': 'coupon_codes',
    'Refunded Amount': 'refund_total',
    Source: 'channel',
    'Shipping Province Name': 'province',
    'Shipping City': 'city',
    'Lineitem sku': 'sku',
    'Lineitem quantity': 'quantity',
    'Lineitem price': 'unit_price',
    'Lineitem discount': 'discount',
  },
  values: {
    status: {
      pending: 'placed',
      authorized: 'placed',
      partially_paid: 'placed',
      paid: 'paid',
      partially_refunded: 'partially_refunded',
      refunded: 'refunded',
      voided: 'cancelled',
      cancelled: 'cancelled',
    },
  },
  exprs: {
    // Subtotal is after discounts: the list-price total is Subtotal + Discount Amount.
    item_total: (col) =>
      `CAST(${moneySql(col('Subtotal'))} + COALESCE(${moneySql(col('Discount Amount'))}, 0) AS VARCHAR)`,
    // A cancelled order says so in `Cancelled at`; otherwise the financial status is the status.
    status: (col) =>
      `CASE WHEN ${col('Cancelled at')} IS NOT NULL THEN 'cancelled' ELSE ${col('Financial Status')} END`,
    // Lines without a SKU (custom items) are keyed by their name.
    sku: (col) => `COALESCE(${col('Lineitem sku')}, ${col('Lineitem name')})`,
  },
};
