import type { MappingSpec } from '../mapping-spec.js';

/**
 * Invoice lines in the style of the UCI "Online Retail" data set: InvoiceNo, StockCode, Description,
 * Quantity, InvoiceDate, UnitPrice, CustomerID, Country. Orders are derived from the lines (one per
 * InvoiceNo); invoice numbers starting with C are cancellations (credit notes); a negative quantity
 * is a returned unit; a blank CustomerID is a guest (`guest:<InvoiceNo>`). InvoiceDate is read as
 * ISO or as `12/1/2010 8:26` (month/day/year, the UCI CSV form).
 */
export const invoiceLinesPreset: MappingSpec = {
  name: 'invoice-lines',
  table: 'order_lines',
  deriveOrders: true,
  cancelledOrderPrefix: 'C',
  synonyms: false,
  columns: {
    InvoiceNo: 'order_id',
    Invoice: 'order_id',
    StockCode: 'sku',
    Quantity: 'quantity',
    InvoiceDate: 'placed_at',
    UnitPrice: 'unit_price',
    Price: 'unit_price',
    CustomerID: 'customer_id',
    'Customer ID': 'customer_id',
    Country: 'province',
  },
  dateFormats: ['%m/%d/%Y %H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%y %H:%M'],
  exprs: {
    // An invoice is paid when it is issued; a cancellation is never paid (see docs/ingest.md).
    paid_at: (col) => col('InvoiceDate'),
    // UCI writes customer ids as numbers (17850.0 in some copies).
    customer_id: (col) => `regexp_replace(${col('CustomerID')}, '\\.0+$', '')`,
  },
};
