import type { MappingSpec } from '../mapping-spec.js';

/**
 * CDNOW transactions (Fader & Hardie): blank-separated, no quoting. `CDNOW_master.txt` has 4 fields
 * (customer id, date YYYYMMDD, number of CDs, dollar value) and may start with a header line;
 * `CDNOW_sample.txt` has 5 (original id, sample customer index 1…2357, date, CDs, dollars).
 * customer_id is the id without leading zeros (the sample index for the 5-field layout, so it matches
 * the published calibration summary's ID). One order per customer and day (repeat purchases in
 * BG/NBD are counted per day): order_id `cdnow:<customer>:<YYYYMMDD>`, placed_at = paid_at = that
 * date at 00:00 in the store time zone, paid_total = item_total = Σ dollars of the day's rows. Each
 * source row is also a line (sku `CD`, quantity = CDs, paid_amount = dollars, unit_price = dollars ÷ CDs
 * rounded to cents).
 */
export const cdnowPreset: MappingSpec = {
  name: 'cdnow',
  table: 'order_lines',
  deriveOrders: true,
  synonyms: false,
  format: { kind: 'whitespace', columnNames: ['f1', 'f2', 'f3', 'f4', 'f5'] },
  columns: {},
  exprs: {
    customer_id: (col, { columnCount }) =>
      `CAST(TRY_CAST(${col(columnCount >= 5 ? 'f2' : 'f1')} AS BIGINT) AS VARCHAR)`,
    order_id: (col, { columnCount }) =>
      `'cdnow:' || CAST(TRY_CAST(${col(columnCount >= 5 ? 'f2' : 'f1')} AS BIGINT) AS VARCHAR) || ':' || ${col(columnCount >= 5 ? 'f3' : 'f2')}`,
    placed_at: (col, { columnCount }) => col(columnCount >= 5 ? 'f3' : 'f2'),
    paid_at: (col, { columnCount }) => col(columnCount >= 5 ? 'f3' : 'f2'),
    sku: () => `'CD'`,
    quantity: (col, { columnCount }) => col(columnCount >= 5 ? 'f4' : 'f3'),
    paid_amount: (col, { columnCount }) => col(columnCount >= 5 ? 'f5' : 'f4'),
    unit_price: (col, { columnCount }) => {
      const q = col(columnCount >= 5 ? 'f4' : 'f3');
      const a = col(columnCount >= 5 ? 'f5' : 'f4');
      return `CAST(round(TRY_CAST(${a} AS DECIMAL(18,2)) / NULLIF(TRY_CAST(${q} AS INTEGER), 0), 2) AS VARCHAR)`;
    },
  },
};
