import { type ColumnType, ORDER_STATUSES, TABLES } from '../schema/tables.js';
import { isEmpty } from '../warehouse/table-stats.js';
import type { Param, Warehouse } from '../warehouse/warehouse.js';
import type { FieldPlan, LoadPlan } from './plan.js';
import { mainSelect } from './sources.js';
import { type CsvLayout, csvReader, rawCol } from './stage.js';
import { requiredOnRow, statusMap } from './typed.js';
import {
  applyClassification,
  type Classification,
  classify,
  insertIntoEmpty,
  type UpsertResult,
} from './upsert.js';
import { SqlParams, valueMapSql } from './values.js';

/**
 * The typed fast path for CSV files: one `read_csv` with the canonical types, validated in the same
 * statement, written straight into the target table (or, when the table already has rows, into one
 * source table for the upsert). It only ever accepts what the validating path (stage → typed) would
 * accept, with the same values: any value it cannot take as is — money with ¥ or thousands
 * separators, Chinese or compact dates, `3.0` for a whole number, an unknown status, an empty
 * required cell, a malformed row — makes the statement fail, the transaction rolls back and the
 * file goes through the validating path, which reports or converts it exactly as before. So do
 * duplicate keys inside the file (last row wins there).
 */

/**
 * `enabled`: tests and the bench turn the fast path off to compare it with the validating path.
 * `backgroundHashBytes`: files at least this large, not imported from the same path before, are
 * hashed on a worker thread while they load (see importFile).
 */
export const fastPath = { enabled: true, backgroundHashBytes: 32 << 20 };

/** Thrown when the fast path leaves the file to the validating path. */
export class FastPathDeclined extends Error {}

/**
 * How the reader reads a field's column. DECIMAL, DOUBLE, BOOLEAN and DATE are parsed by the reader
 * itself, exactly like TRY_CAST of the trimmed text (the first form the validating path tries) and
 * with an error where that cast would fail. Timestamps are cast in SQL (the reader's TIMESTAMPTZ turns
 * unreadable text into NULL without an error); whole numbers are read as DOUBLE and checked to be
 * whole (the reader's INTEGER rounds 3.5 to 4).
 */
const READ_TYPE: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  timestamptz: 'VARCHAR',
  integer: 'DOUBLE',
  bigint: 'DOUBLE',
  double: 'DOUBLE',
  money: 'DECIMAL(18,2)',
  boolean: 'BOOLEAN',
  date: 'DATE',
};

/** Largest magnitude below which every whole DOUBLE is exactly the integer written. */
const EXACT_DOUBLE = 2 ** 53;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const rawName = (f: FieldPlan) => q(`r$${f.column}`);

/**
 * Whether a plan can take the fast path: every field is one source column as is (no preset
 * expressions), value maps only on text columns, and nothing depends on file order (orders derived
 * from lines, line numbers filled per order).
 */
export function fastPathApplies(plan: LoadPlan): boolean {
  if (!fastPath.enabled || plan.deriveOrders || plan.cancelledPrefix) return false;
  if (plan.table === 'order_lines' && !plan.fields.some((f) => f.column === 'line_no')) return false;
  const seen = new Set<number>();
  for (const f of plan.fields) {
    if (f.index === undefined || seen.has(f.index) || f.table !== plan.table) return false;
    seen.add(f.index);
    if (plan.values[f.column] && f.type !== 'varchar') return false;
  }
  return true;
}

/** The typed, validated value of a field from its raw value (text, or as parsed by the reader). */
function fieldExpr(plan: LoadPlan, f: FieldPlan, p: SqlParams): string {
  const r = rawName(f);
  const fail = (what: string) => `error(${p.add(`fupan fast path: ${what} (${f.column})`)})`;
  let x: string;
  if (f.type === 'varchar' && f.column === 'status' && f.table === 'orders') {
    // Canonical values that map to themselves skip the map (a CASE over every known spelling).
    const map = statusMap(plan);
    const entries = Object.entries(map);
    // what the map's CASE over lower(value) gives a canonical value: its first matching entry
    const same = ORDER_STATUSES.filter((s) => entries.find(([k]) => k.toLowerCase() === s)?.[1] === s).map(
      (s) => `'${s}'`,
    );
    const mapped = `COALESCE(${valueMapSql(r, map, p)}, ${fail('unknown status')})`;
    const canonical = same.length ? `WHEN ${r} IN (${same.join(', ')}) THEN ${r} ` : '';
    x = `CASE ${canonical}WHEN ${r} IS NOT NULL THEN ${mapped} END`;
  } else if (f.type === 'varchar' && plan.values[f.column]) {
    x = `COALESCE(${valueMapSql(r, plan.values[f.column], p, false)}, ${r})`;
  } else if (f.type === 'timestamptz') {
    x = `CAST(${r} AS TIMESTAMPTZ)`;
  } else if (f.type === 'integer' || f.type === 'bigint') {
    const t = f.type === 'integer' ? 'INTEGER' : 'BIGINT';
    x = `CASE WHEN ${r} IS NULL THEN NULL WHEN ${r} = trunc(${r}) AND abs(${r}) < ${EXACT_DOUBLE} THEN CAST(${r} AS ${t}) ELSE ${fail('not a plain whole number')} END`;
  } else x = r;
  const required = requiredOnRow(plan, f) || (f.table === 'order_lines' && f.column === 'line_no');
  return required ? `COALESCE(${x}, ${fail('required value is empty')})` : x;
}

/** The SELECT of the main table's rows straight from the file (see mainSelect); `$1` is the path. */
function fastSelect(plan: LoadPlan, layout: CsvLayout, p: SqlParams): { sql: string; columns: string[] } {
  const path = p.add(layout.path);
  const types = layout.header.map(() => 'VARCHAR');
  for (const f of plan.fields) types[f.index!] = READ_TYPE[f.type];
  const raws = plan.fields.map(
    (f) => `${READ_TYPE[f.type] === 'VARCHAR' ? f.raw : rawCol(f.index!)} AS ${rawName(f)}`,
  );
  const typed = plan.fields.map((f) => `${fieldExpr(plan, f, p)} AS ${q(f.column)}`);
  // Columns no field uses are still read, so that bad bytes in them refuse the file as in staging.
  const used = new Set(plan.fields.map((f) => f.index));
  const unused = layout.header
    .map((_, i) => i)
    .filter((i) => !used.has(i))
    .map((i) => `coalesce(strlen(${rawCol(i)}), 0) >= 0`);
  const reader = csvReader(path, types, layout.hasHeader, layout.delimiter);
  const where = unused.length ? ` WHERE ${unused.join(' AND ')}` : '';
  const { columns, select } = mainSelect(plan, false);
  return {
    sql: `SELECT ${select} FROM (SELECT ${typed.join(', ')} FROM (SELECT ${raws.join(', ')} FROM ${reader}${where}))`,
    columns,
  };
}

/**
 * Whether two rows of `from` share the key: the key hashes, sorted, have no two equal neighbours
 * (faster than a hash table of millions of keys); only when two hashes are equal are the keys compared.
 */
async function hasDuplicateKeys(wh: Warehouse, from: string, keys: string[]): Promise<boolean> {
  const k = keys.map(q).join(', ');
  const [r] = await wh.query(
    `SELECT count(*) AS n FROM (SELECT h, lag(h) OVER (ORDER BY h) AS prev FROM (SELECT hash(${k}) AS h FROM ${from}))
     WHERE h = prev`,
  );
  if (Number(r.n) === 0) return false;
  const [e] = await wh.query(
    `SELECT count(*) AS d FROM (SELECT 1 FROM ${from} GROUP BY ${k} HAVING count(*) > 1)`,
  );
  return Number(e.d) > 0;
}

/** Runs fn with DuckDB free to write rows in any order (faster parallel loads); restores the setting. */
function anyOrder<T>(wh: Warehouse, fn: () => Promise<T>): Promise<T> {
  return wh.withSetting('preserve_insertion_order', false, fn);
}

export interface FastLoad {
  rowsRead: number;
  counts: UpsertResult;
}

/** A CSV file read by the fast path, ready to be written (see prepareFast). */
export type PreparedFast =
  | { kind: 'empty-table'; sql: string; columns: string[]; params: Param[] }
  | { kind: 'classified'; classification: Classification };

/**
 * Before the transaction: when the target table has rows, reads the file and classifies its rows
 * against them, and checks the file for duplicate keys. Throws (a DuckDB error or FastPathDeclined)
 * when the file must go through the validating path.
 */
export async function prepareFast(wh: Warehouse, plan: LoadPlan, layout: CsvLayout): Promise<PreparedFast> {
  const p = new SqlParams();
  const { sql, columns } = fastSelect(plan, layout, p);
  if (await isEmpty(wh, plan.table))
    return { kind: 'empty-table', sql: `(${sql})`, columns, params: p.values };
  const classification = await anyOrder(wh, () => classify(wh, plan.table, `(${sql})`, columns, p.values));
  if (await hasDuplicateKeys(wh, classification.name, TABLES[plan.table].key)) {
    await wh.exec(`DROP TABLE IF EXISTS ${classification.name}`);
    throw new FastPathDeclined('duplicate keys');
  }
  return { kind: 'classified', classification };
}

/**
 * Writes a prepared file inside the caller's transaction: straight from the file into the empty
 * table (then checked for duplicate keys), or the classified rows. Throws like prepareFast.
 */
export async function loadFast(wh: Warehouse, plan: LoadPlan, prepared: PreparedFast): Promise<FastLoad> {
  return anyOrder(wh, async () => {
    if (prepared.kind === 'classified') {
      const counts = await applyClassification(wh, prepared.classification, true);
      return { rowsRead: prepared.classification.total, counts };
    }
    const { sql, columns, params } = prepared;
    const fresh = await insertIntoEmpty(wh, plan.table, sql, columns, params);
    if (!fresh) throw new FastPathDeclined(`${plan.table} is no longer empty`);
    if (await hasDuplicateKeys(wh, q(plan.table), TABLES[plan.table].key)) {
      throw new FastPathDeclined('duplicate keys');
    }
    return { rowsRead: fresh.inserted, counts: fresh };
  });
}
