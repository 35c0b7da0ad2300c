import { ORDER_STATUSES, requiredColumns, type TableName } from '../schema/tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { FieldPlan, LoadPlan } from './plan.js';
import { RAW } from './stage.js';
import { STATUS_SYNONYMS } from './synonyms.js';
import { SqlParams, TYPE_REASON, typedSql, valueMapSql } from './values.js';

/** The typed staging table: `_row` (record index), one column per mapped field, `_bad`. */
export const TYPED = '_fupan_typed';

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const rawName = (f: FieldPlan) => q(`r$${f.column}`);

/** Whether an empty value of the field is an error on a row (order-level checks of line exports come later). */
export function requiredOnRow(plan: LoadPlan, f: FieldPlan): boolean {
  if (f.column === 'customer_id' || f.column === 'line_no' || f.column === 'item_total') return false;
  if (plan.deriveOrders && f.table === 'orders') return false;
  return requiredColumns(f.table as TableName).includes(f.column);
}

/** Source status (lower case or as mapped) → canonical order status. */
export function statusMap(plan: LoadPlan): Record<string, string> {
  const map: Record<string, string> = { ...STATUS_SYNONYMS };
  for (const s of ORDER_STATUSES) map[s] = s;
  Object.assign(map, plan.values.status ?? {});
  return map;
}

function typedExpr(plan: LoadPlan, f: FieldPlan, p: SqlParams): string {
  const x = rawName(f);
  if (f.column === 'status' && f.table === 'orders') return valueMapSql(x, statusMap(plan), p);
  const map = plan.values[f.column];
  if (map && f.type === 'varchar') return `COALESCE(${valueMapSql(x, map, p, false)}, ${x})`;
  if (map)
    return typedSql(f.type, `COALESCE(${valueMapSql(x, map, p, false)}, ${x})`, {
      dateFormats: plan.dateFormats,
      params: p,
    });
  return typedSql(f.type, x, { dateFormats: plan.dateFormats, params: p });
}

function okExpr(plan: LoadPlan, f: FieldPlan): string {
  const present = `(${rawName(f)} IS NULL OR ${q(f.column)} IS NOT NULL)`;
  return requiredOnRow(plan, f) ? `(${rawName(f)} IS NOT NULL AND ${q(f.column)} IS NOT NULL)` : present;
}

function reason(f: FieldPlan): string {
  if (f.column === 'status' && f.table === 'orders') {
    return `unknown order status: expected one of ${ORDER_STATUSES.join(', ')} or a known platform status (交易成功, 已付款, 交易关闭, …); map it with a mapping file's "values"`;
  }
  return `${TYPE_REASON[f.type]} (→ ${f.column})`;
}

/** SELECT of raw and typed values of every field from `from` (which has `_row` or a rowid). */
function typedSelect(plan: LoadPlan, from: string, rowExpr: string, p: SqlParams): string {
  const raws = plan.fields.map((f) => `${f.raw} AS ${rawName(f)}`);
  const typed = plan.fields.map((f) => `${typedExpr(plan, f, p)} AS ${q(f.column)}`);
  return `SELECT *, ${typed.join(', ')} FROM (SELECT ${rowExpr} AS _row, ${raws.join(', ')} FROM ${from})`;
}

/** Builds the typed table; returns the number of bad rows. */
export async function buildTyped(wh: Warehouse, plan: LoadPlan): Promise<number> {
  const p = new SqlParams();
  const inner = typedSelect(plan, RAW, 'rowid', p);
  const ok = plan.fields.map((f) => okExpr(plan, f));
  const cols = plan.fields.map((f) => q(f.column));
  const cancelled = plan.cancelledPrefix
    ? `, coalesce(starts_with("order_id", ${p.add(plan.cancelledPrefix)}), false) AS _cancelled`
    : '';
  await wh.exec(`DROP TABLE IF EXISTS ${TYPED}`);
  await wh.run(
    `CREATE TEMP TABLE ${TYPED} AS SELECT _row, ${cols.join(', ')}${cancelled},
       NOT (${ok.length ? ok.join(' AND ') : 'true'}) AS _bad FROM (${inner})`,
    p.values,
  );
  const [r] = await wh.query(`SELECT count(*) FILTER (WHERE _bad) AS n FROM ${TYPED}`);
  return Number(r.n);
}

export interface CellReject {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** The failing cells of bad rows (at most `limit`), in file order. */
export async function cellRejects(wh: Warehouse, plan: LoadPlan, limit: number): Promise<CellReject[]> {
  await wh.exec('DROP TABLE IF EXISTS _fupan_badraw');
  await wh.run(
    `CREATE TEMP TABLE _fupan_badraw AS SELECT rowid AS _row, * FROM ${RAW}
     WHERE rowid IN (SELECT _row FROM ${TYPED} WHERE _bad) ORDER BY rowid LIMIT $1`,
    [limit],
  );
  const p = new SqlParams();
  const inner = typedSelect(plan, '_fupan_badraw', '_row', p);
  const parts = plan.fields.map(
    (f, i) =>
      `SELECT _row, ${i} AS _k, ${p.add(f.source)} AS col, coalesce(${rawName(f)}, '') AS value,
         CASE WHEN ${rawName(f)} IS NULL THEN ${p.add(`required value is empty (→ ${f.column})`)} ELSE ${p.add(reason(f))} END AS reason
       FROM t WHERE NOT ${okExpr(plan, f)}`,
  );
  const rows = await wh.query(
    `WITH t AS (${inner}) SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY _row, _k LIMIT ${Number(limit)}`,
    p.values,
  );
  await wh.exec('DROP TABLE IF EXISTS _fupan_badraw');
  return rows.map((r) => ({
    row: Number(r._row),
    column: String(r.col),
    value: String(r.value),
    reason: String(r.reason),
  }));
}
