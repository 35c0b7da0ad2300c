import { TABLES, type TableName } from '../schema/tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { LoadPlan } from './plan.js';
import { TYPED } from './typed.js';

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface Source {
  table: TableName;
  /** A temp table name or a parenthesised SELECT yielding the rows to write. */
  name: string;
  columns: string[];
}

function has(plan: LoadPlan, column: string, table?: TableName): boolean {
  return plan.fields.some((f) => f.column === column && (!table || f.table === table));
}

/**
 * Guests: a blank customer id becomes a hash of the e-mail or phone when the file has one, else
 * `guest:<order_id>` (one customer per guest order).
 */
function customerSql(plan: LoadPlan, idExpr: string, email: string, phone: string, orderId: string): string {
  const parts = [idExpr];
  if (has(plan, 'customer_email')) {
    parts.push(`CASE WHEN ${email} IS NOT NULL THEN 'h:' || left(sha256(lower(${email})), 16) END`);
  }
  if (has(plan, 'customer_phone')) {
    parts.push(
      `CASE WHEN regexp_replace(${phone}, '[^0-9]', '', 'g') <> '' THEN 'h:' || left(sha256(regexp_replace(${phone}, '[^0-9]', '', 'g')), 16) END`,
    );
  }
  parts.push(`'guest:' || ${orderId}`);
  return `COALESCE(${parts.join(', ')})`;
}

const money = (x: string) => `COALESCE(${x}, 0)`;

async function anyNull(wh: Warehouse, column: string): Promise<boolean> {
  const [r] = await wh.query(`SELECT count(*) AS n FROM ${TYPED} WHERE NOT _bad AND ${q(column)} IS NULL`);
  return Number(r.n) > 0;
}

/** item_total when a file lacks it: what was paid plus discounts, less shipping and tax. */
function itemTotalFill(plan: LoadPlan, a: string): string {
  const parts = [`${a}paid_total`];
  if (has(plan, 'discount_total')) parts.push(`+ ${money(`${a}discount_total`)}`);
  if (has(plan, 'shipping_fee')) parts.push(`- ${money(`${a}shipping_fee`)}`);
  if (has(plan, 'tax')) parts.push(`- ${money(`${a}tax`)}`);
  return `(${parts.join(' ')})`;
}

/**
 * The SELECT list of the main table's rows (the plan's table) over rows with the canonical column
 * names of the plan's fields (and `_row`, for line numbers filled in file order): guests' customer
 * ids, item_total, line_no and paid_amount filled, empty key parts as ''.
 */
export function mainSelect(plan: LoadPlan, lineNoHasNulls: boolean): { columns: string[]; select: string } {
  const table = plan.table;
  const def = TABLES[table];
  const cols: string[] = [];
  const sel: string[] = [];
  for (const col of def.columns) {
    if (col.derived) continue;
    const provided = has(plan, col.name, table);
    let expr: string | undefined = provided ? q(col.name) : undefined;
    if (table === 'orders' && col.name === 'customer_id') {
      expr = customerSql(
        plan,
        provided ? q('customer_id') : 'NULL',
        'customer_email',
        'customer_phone',
        'order_id',
      );
    } else if (table === 'orders' && col.name === 'item_total') {
      expr = provided ? `COALESCE(item_total, ${itemTotalFill(plan, '')})` : itemTotalFill(plan, '');
    } else if (table === 'order_lines' && col.name === 'line_no') {
      const auto = 'CAST(row_number() OVER (PARTITION BY order_id ORDER BY _row) AS INTEGER)';
      expr = provided ? (lineNoHasNulls ? `COALESCE(line_no, ${auto})` : 'line_no') : auto;
    } else if (table === 'order_lines' && col.name === 'paid_amount') {
      const fill = `quantity * unit_price - ${has(plan, 'discount', table) ? money('discount') : '0'}`;
      expr = provided ? `COALESCE(paid_amount, ${fill})` : fill;
    }
    const isKey = def.key.includes(col.name) && col.type === 'varchar';
    if (expr === undefined && !isKey) continue;
    if (isKey) expr = expr === undefined ? `''` : `COALESCE(${expr}, '')`;
    cols.push(col.name);
    sel.push(`${expr} AS ${q(col.name)}`);
  }
  return { columns: cols, select: sel.join(', ') };
}

/** One row per natural key of the main table (the plan's table) from the good typed rows. */
export async function mainSource(wh: Warehouse, plan: LoadPlan): Promise<Source> {
  const lineNoHasNulls = has(plan, 'line_no', 'order_lines') && (await anyNull(wh, 'line_no'));
  const { columns, select } = mainSelect(plan, lineNoHasNulls);
  return { table: plan.table, name: `(SELECT ${select} FROM ${TYPED} WHERE NOT _bad)`, columns };
}

/**
 * Orders derived from a line-level export: one per order_id. Order-level fields take the first
 * non-empty value in file order (Shopify fills them on the first row only; ERPs repeat them). Totals
 * the file lacks are summed from the lines: item_total = Σ quantity × unit_price, paid_total = Σ line
 * paid amounts, discount_total = Σ line discounts. Cancellations (cancelledOrderPrefix) get status
 * cancelled, no paid_at, item_total = paid_total = 0 and refund_total = the credited amount.
 */
export async function derivedOrdersSource(wh: Warehouse, plan: LoadPlan): Promise<Source> {
  const orderFields = plan.fields.filter((f) => f.table === 'orders' && f.column !== 'order_id');
  const firsts = orderFields.map(
    (f) => `arg_min(${q(f.column)}, _row) FILTER (WHERE ${q(f.column)} IS NOT NULL) AS ${q(f.column)}`,
  );
  const lineDisc = has(plan, 'discount', 'order_lines') ? money('discount') : '0';
  const linePaid = has(plan, 'paid_amount', 'order_lines')
    ? `COALESCE(paid_amount, quantity * unit_price - ${lineDisc})`
    : `quantity * unit_price - ${lineDisc}`;
  const cancelled = plan.cancelledPrefix ? 'bool_or(_cancelled)' : 'false';
  const agg = `SELECT order_id, ${[...firsts, `sum(quantity * unit_price) AS _items`, `sum(${linePaid}) AS _paid`, `sum(${lineDisc}) AS _disc`, `${cancelled} AS _cancelled`].join(', ')}
    FROM ${TYPED} WHERE NOT _bad GROUP BY order_id`;
  const cols: string[] = [];
  const sel: string[] = [];
  const pick = (name: string, expr: string) => {
    cols.push(name);
    sel.push(`${expr} AS ${q(name)}`);
  };
  const given = (c: string) => orderFields.some((f) => f.column === c);
  for (const col of TABLES.orders.columns) {
    if (col.derived) continue;
    const c = col.name;
    if (c === 'order_id') pick(c, 'order_id');
    else if (c === 'customer_id') {
      pick(c, customerSql(plan, given(c) ? q(c) : 'NULL', 'customer_email', 'customer_phone', 'order_id'));
    } else if (c === 'item_total')
      pick(c, `CASE WHEN _cancelled THEN 0 ELSE COALESCE(${given(c) ? q(c) : 'NULL'}, _items) END`);
    else if (c === 'paid_total')
      pick(c, `CASE WHEN _cancelled THEN 0 ELSE COALESCE(${given(c) ? q(c) : 'NULL'}, _paid) END`);
    else if (c === 'discount_total') {
      if (given(c) || has(plan, 'discount', 'order_lines'))
        pick(c, given(c) ? `COALESCE(${q(c)}, _disc)` : '_disc');
    } else if (c === 'status') {
      if (given(c) || plan.cancelledPrefix)
        pick(c, `CASE WHEN _cancelled THEN 'cancelled' ELSE ${given(c) ? q(c) : 'NULL'} END`);
    } else if (c === 'paid_at') {
      if (given(c) || plan.cancelledPrefix)
        pick(c, `CASE WHEN _cancelled THEN NULL ELSE ${given(c) ? q(c) : 'NULL'} END`);
    } else if (c === 'refund_total') {
      if (given(c) || plan.cancelledPrefix)
        pick(c, `CASE WHEN _cancelled THEN -_paid ELSE ${given(c) ? q(c) : 'NULL'} END`);
    } else if (given(c)) pick(c, q(c));
  }
  const name = '_fupan_src_orders';
  await wh.exec(`DROP TABLE IF EXISTS ${name}`);
  await wh.exec(`CREATE TEMP TABLE ${name} AS SELECT ${sel.join(', ')} FROM (${agg})`);
  return { table: 'orders', name, columns: cols };
}
