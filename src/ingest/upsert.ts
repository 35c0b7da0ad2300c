import { TABLES, type TableName } from '../schema/tables.js';
import type { CustomerChange, OrderChange, WrittenOrders } from '../warehouse/derived.js';
import { isEmpty } from '../warehouse/table-stats.js';
import type { Param, Warehouse } from '../warehouse/warehouse.js';
import { type FixedOffsetWindow, fixedOffsetWindow, localDateSql } from './local-date.js';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Temp table of the source rows classified by an upsert. */
export const CLASSIFIED = '_fupan_cls';

/** Temp table of the customers whose orders an upsert inserted or changed (old and new ids). */
export const TOUCHED_CUSTOMERS = '_fupan_touched';

/** Temp table of the customers an upsert of customers inserted or changed. */
export const WRITTEN_CUSTOMERS = '_fupan_written_customers';

/** Temp table of the orders an upsert of orders inserted or changed. */
export const WRITTEN_ORDERS = '_fupan_written_orders';

export interface UpsertResult extends UpsertCounts {
  /** Orders only: which customers' derived data may have changed (see refreshDerived). */
  orderChange?: OrderChange;
  /** Customers only: which customers' tiers the orders must follow (see refreshDerived). */
  customerChange?: CustomerChange;
  /** Orders only: whose lines must follow their order (see refreshDerived). */
  ordersWritten?: WrittenOrders;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Derived columns looked up in another table while inserting (by a key the source provides): the
 * buyer's tier on orders, the order's paid date and customer on order_lines.
 */
const LOOKUPS: Partial<Record<TableName, { from: string; key: string; columns: Record<string, string> }>> = {
  orders: {
    from: 'SELECT customer_id, member_tier FROM customers WHERE member_tier IS NOT NULL',
    key: 'customer_id',
    columns: { member_tier: 'member_tier' },
  },
  order_lines: {
    from: 'SELECT order_id, paid_date, customer_id FROM orders',
    key: 'order_id',
    columns: { order_paid_date: 'paid_date', order_customer_id: 'customer_id' },
  },
};
const LOOKUP = q('x$');

/** SQL for a derived column of a table, computed while inserting (local dates, LOOKUPS). */
function derivedSelect(
  wh: Warehouse,
  table: TableName,
  column: string,
  available: string[],
  win: FixedOffsetWindow | null,
): string {
  const local = (c: string) =>
    available.includes(c)
      ? localDateSql(`s.${q(c)}`, wh.dialect.localDate(`s.${q(c)}`, wh.timeZone), win)
      : 'NULL';
  if (table === 'orders' && column === 'placed_date') return local('placed_at');
  if (table === 'orders' && column === 'paid_date') return local('paid_at');
  const lookup = LOOKUPS[table];
  if (lookup?.columns[column] && available.includes(lookup.key))
    return `${LOOKUP}.${q(lookup.columns[column])}`;
  return 'NULL';
}

/** INSERT of `columns` of `from` (alias s) plus the table's derived columns; returns the rows inserted. */
async function insertFrom(
  wh: Warehouse,
  table: TableName,
  from: string,
  available: string[],
  params?: Param[],
): Promise<number> {
  const derived = TABLES[table].columns.filter((c) => c.derived).map((c) => c.name);
  const win = derived.length ? await fixedOffsetWindow(wh, wh.timeZone) : null;
  const cols = [...available, ...derived];
  const sel = [
    ...available.map((c) => `s.${q(c)}`),
    ...derived.map((c) => derivedSelect(wh, table, c, available, win)),
  ];
  const insert = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) SELECT ${sel.join(', ')} FROM ${from} s`;
  const lookup = LOOKUPS[table];
  if (!lookup || !available.includes(lookup.key)) return wh.run(insert, params);
  // A LEFT JOIN with the looked-up table (unique by its key). The rows must reach the table in the
  // source's order (date ranges per row group let scans skip the rest), so the looked-up table is the
  // build side whatever the estimates say: built on the source, the join would emit rows in the other
  // table's order (measured: a fifth of the rows out of place, every row group spanning all dates).
  return wh.withSetting('disabled_optimizers', 'join_order,build_side_probe_side', () =>
    wh.run(
      `${insert} LEFT JOIN (${lookup.from}) ${LOOKUP} ON ${LOOKUP}.${q(lookup.key)} = s.${q(lookup.key)}`,
      params,
    ),
  );
}

/**
 * Inserts every row of `src` into `table` when the table is empty (returns the counts), else returns
 * undefined and writes nothing. Runs inside the caller's transaction.
 */
export async function insertIntoEmpty(
  wh: Warehouse,
  table: TableName,
  src: string,
  columns: string[],
  params?: Param[],
): Promise<UpsertResult | undefined> {
  if (!(await isEmpty(wh, table))) return undefined;
  const inserted = await insertFrom(wh, table, src, columns, params);
  return {
    inserted,
    updated: 0,
    unchanged: 0,
    orderChange: table === 'orders' ? 'all' : undefined,
    customerChange: table === 'customers' ? 'all' : undefined,
    ordersWritten: table === 'orders' ? 'all' : undefined,
  };
}

/** The source rows of an upsert, classified against the stored rows (see classify). */
export interface Classification {
  table: TableName;
  /** The temp table: every source row, the stored values of the columns it lacks, `_new`, `_write`. */
  name: string;
  columns: string[];
  absent: string[];
  total: number;
  inserted: number;
  updated: number;
}

/**
 * Classifies every row of `src` (a table or parenthesised SELECT; columns: a subset of the table's
 * source columns, including the whole natural key) against `table` in one join, into a temp table:
 * new key, changed (with the stored values of the columns the source lacks) or unchanged.
 *
 * Data written inside a transaction is scanned by one thread only, so the fast path classifies
 * before its transaction; that relies on the connection being the only writer while it imports
 * (DuckDB lets one process write; fupan serve queues imports on one connection) and on the check
 * in applyClassification.
 */
export async function classify(
  wh: Warehouse,
  table: TableName,
  src: string,
  columns: string[],
  params?: Param[],
): Promise<Classification> {
  const def = TABLES[table];
  const keys = def.key;
  const provided = new Set(columns);
  const absent = def.columns.filter((c) => !c.derived && !provided.has(c.name)).map((c) => c.name);
  const on = keys.map((k) => `s.${q(k)} = t.${q(k)}`).join(' AND ');
  const nonKey = columns.filter((c) => !keys.includes(c));
  const differs = nonKey.length
    ? nonKey.map((c) => `s.${q(c)} IS DISTINCT FROM t.${q(c)}`).join(' OR ')
    : 'false';
  const old = table === 'orders' && provided.has('customer_id') ? ', t.customer_id AS _old_customer_id' : '';
  const name = `${CLASSIFIED}_${table}`;
  await wh.exec(`DROP TABLE IF EXISTS ${name}`);
  await wh.run(
    `CREATE TEMP TABLE ${name} AS SELECT s.*${absent.map((c) => `, t.${q(c)}`).join('')}${old},
       t.${q(keys[0])} IS NULL AS _new, t.${q(keys[0])} IS NULL OR ${differs} AS _write
     FROM ${src} s LEFT JOIN ${q(table)} t ON ${on}`,
    params,
  );
  const [r] = await wh.query(
    `SELECT count(*) AS total, count(*) FILTER (WHERE _new) AS ins, count(*) FILTER (WHERE _write AND NOT _new) AS upd
     FROM ${name}`,
  );
  return {
    table,
    name,
    columns,
    absent,
    total: Number(r.total),
    inserted: Number(r.ins),
    updated: Number(r.upd),
  };
}

/**
 * Writes a classification inside the caller's transaction: changed rows are replaced, new rows
 * inserted, unchanged rows left alone. When `recheck`, first makes sure no key classified as new
 * has been stored meanwhile (else throws: the classification is stale). For orders, the customers of
 * the inserted and changed orders are left in TOUCHED_CUSTOMERS.
 */
export async function applyClassification(
  wh: Warehouse,
  c: Classification,
  recheck = false,
): Promise<UpsertResult> {
  const keys = TABLES[c.table].key;
  const keyList = keys.map(q).join(', ');
  if (recheck && c.inserted > 0) {
    const on = keys.map((k) => `n.${q(k)} = t.${q(k)}`).join(' AND ');
    const [r] = await wh.query(
      `SELECT count(*) AS n FROM ${q(c.table)} t SEMI JOIN (SELECT ${keyList} FROM ${c.name} WHERE _new) n ON ${on}`,
    );
    if (Number(r.n) > 0) throw new Error(`${c.table} changed while the import was being prepared`);
  }
  if (c.updated > 0) {
    const match = keys.length === 1 ? q(keys[0]) : `(${keyList})`;
    await wh.run(
      `DELETE FROM ${q(c.table)} WHERE ${match} IN (SELECT ${keyList} FROM ${c.name} WHERE _write AND NOT _new)`,
    );
  }
  const writes = `(SELECT * FROM ${c.name} WHERE _write)`;
  if (c.inserted + c.updated > 0) await insertFrom(wh, c.table, writes, [...c.columns, ...c.absent]);
  let orderChange: OrderChange | undefined;
  if (c.table === 'orders') {
    orderChange = 'none';
    if (c.inserted + c.updated > 0 && c.columns.includes('customer_id')) {
      await wh.exec(`DROP TABLE IF EXISTS ${TOUCHED_CUSTOMERS}`);
      await wh.exec(
        `CREATE TEMP TABLE ${TOUCHED_CUSTOMERS} AS SELECT customer_id FROM ${c.name} WHERE _write
         UNION SELECT _old_customer_id FROM ${c.name} WHERE _write AND NOT _new`,
      );
      orderChange = TOUCHED_CUSTOMERS;
    } else if (c.inserted + c.updated > 0) orderChange = 'all';
  }
  // the keys written, as a temp table (for the derived columns that follow them), or 'none'
  const written = async (name: string, key: string): Promise<string> => {
    if (c.inserted + c.updated === 0) return 'none';
    await wh.exec(`DROP TABLE IF EXISTS ${name}`);
    await wh.exec(`CREATE TEMP TABLE ${name} AS SELECT ${key} FROM ${c.name} WHERE _write`);
    return name;
  };
  const ordersWritten: WrittenOrders | undefined =
    c.table === 'orders' ? await written(WRITTEN_ORDERS, 'order_id') : undefined;
  const customerChange: CustomerChange | undefined =
    c.table === 'customers' ? await written(WRITTEN_CUSTOMERS, 'customer_id') : undefined;
  await wh.exec(`DROP TABLE IF EXISTS ${c.name}`);
  return {
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.total - c.inserted - c.updated,
    orderChange,
    customerChange,
    ordersWritten,
  };
}

/**
 * Writes the rows of `src` (a table or parenthesised SELECT; columns: a subset of the table's source
 * columns, including the whole natural key, keys unique) into `table` by natural key: new keys are
 * inserted; existing keys whose provided columns differ are replaced (columns the source lacks keep
 * their stored values); identical rows are left alone. Runs inside the caller's transaction.
 */
export async function upsert(
  wh: Warehouse,
  table: TableName,
  src: string,
  columns: string[],
): Promise<UpsertResult> {
  const empty = await insertIntoEmpty(wh, table, src, columns);
  if (empty) return empty;
  return applyClassification(wh, await classify(wh, table, src, columns));
}
