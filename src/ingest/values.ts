import type { ColumnType } from '../schema/tables.js';
import type { Param } from '../warehouse/warehouse.js';

/**
 * SQL expressions that turn a raw text value (already trimmed, '' → NULL) into a typed value, NULL
 * when the text is not a valid value of the type. The fast path is a plain TRY_CAST; the slower
 * normalisations only run on the values the fast path could not read (COALESCE is lazy in DuckDB).
 */

/** Collects bound parameters while SQL text is built: `p.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: Param[] = [];
  add(v: Param): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** `¥1,234.50`, `￥1,234.50`, `1,234.50元`, `$12.00`, `-12.5`, `RMB 8`, `USD -3.10`. */
const MONEY_RE =
  "'\\s*[-+]?\\s*(?:[¥￥$€£]|RMB|CNY|USD|US\\$|HK\\$)?\\s*[-+]?\\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\\.[0-9]+)?\\s*(?:元|圆)?\\s*'";

export function moneySql(x: string): string {
  return `COALESCE(TRY_CAST(${x} AS DECIMAL(18,2)), CASE WHEN regexp_full_match(${x}, ${MONEY_RE}) AND regexp_matches(${x}, '[0-9]') THEN TRY_CAST(regexp_replace(${x}, '[^0-9.\\-]', '', 'g') AS DECIMAL(18,2)) END)`;
}

/** Whole numbers only: `3`, `3.0`, `1,234`; `3.5` is rejected (a plain cast would round it). */
export function integerSql(x: string, sqlType: 'INTEGER' | 'BIGINT'): string {
  // Without a '.', a plain cast cannot round: the fast path. Otherwise only integral values pass.
  const d = `COALESCE(TRY_CAST(${x} AS DOUBLE), CASE WHEN regexp_full_match(${x}, '-?[0-9]{1,3}(,[0-9]{3})+') THEN TRY_CAST(replace(${x}, ',', '') AS DOUBLE) END)`;
  const slow = `(CASE WHEN trunc(${d}) = ${d} THEN TRY_CAST(${d} AS ${sqlType}) END)`;
  return `COALESCE(CASE WHEN strpos(${x}, '.') = 0 THEN TRY_CAST(${x} AS ${sqlType}) END, ${slow})`;
}

export function doubleSql(x: string): string {
  return `COALESCE(TRY_CAST(${x} AS DOUBLE), CASE WHEN regexp_full_match(${x}, '-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?') THEN TRY_CAST(replace(${x}, ',', '') AS DOUBLE) END)`;
}

export function booleanSql(x: string): string {
  return `(CASE WHEN lower(${x}) IN ('true', 't', 'yes', 'y', '1', '是', '对', 'on') THEN true WHEN lower(${x}) IN ('false', 'f', 'no', 'n', '0', '否', 'off') THEN false END)`;
}

/**
 * Rewrites the Chinese and slash forms to ISO: `2026年10月5日 12:00:00` → `2026-10-5 12:00:00`,
 * `2026/10/05` → `2026-10-05`, `… 21:06:21 +0400` → `… 21:06:21+04:00`.
 */
function normalizedDateText(x: string): string {
  let s = `regexp_replace(${x}, '^([0-9]{4})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日?', '\\1-\\2-\\3')`;
  s = `regexp_replace(${s}, '^([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})', '\\1-\\2-\\3')`;
  s = `regexp_replace(${s}, '(:[0-9]{2}(?:\\.[0-9]+)?)\\s*([+-][0-9]{2}):?([0-9]{2})$', '\\1\\2:\\3')`;
  return s;
}

/** Excel serial day numbers (days since 1899-12-30; 10000 = 1927, 99999 = 2173) as a naive TIMESTAMP. */
function excelSerialSql(x: string): string {
  return `CASE WHEN regexp_full_match(${x}, '[0-9]{5}(\\.[0-9]+)?') THEN TIMESTAMP '1899-12-30 00:00:00' + to_microseconds(CAST(round(CAST(${x} AS DOUBLE) * 86400000000) AS BIGINT)) END`;
}

function strptimeSql(x: string, formats: string[], p: SqlParams): string[] {
  return formats.map((f) => `try_strptime(${x}, ${p.add(f)})`);
}

/**
 * An instant. Text without a zone is read in the session time zone, which the warehouse sets to the
 * store's zone; text with `Z` or an offset is that instant. Also `YYYYMMDD` and Excel serials.
 */
export function timestampSql(x: string, formats: string[], p: SqlParams): string {
  const parts = [
    `TRY_CAST(${x} AS TIMESTAMPTZ)`,
    ...strptimeSql(x, formats, p).map((e) => `CAST(${e} AS TIMESTAMPTZ)`),
    `TRY_CAST(${normalizedDateText(x)} AS TIMESTAMPTZ)`,
    `CASE WHEN regexp_full_match(${x}, '[0-9]{8}') THEN CAST(try_strptime(${x}, '%Y%m%d') AS TIMESTAMPTZ) END`,
    `CAST(${excelSerialSql(x)} AS TIMESTAMPTZ)`,
  ];
  return `COALESCE(${parts.join(', ')})`;
}

/** A calendar date as written (a time part, if any, is dropped). */
export function dateSql(x: string, formats: string[], p: SqlParams): string {
  const parts = [
    `CASE WHEN NOT regexp_matches(${x}, '^[0-9]{5,8}$') THEN TRY_CAST(${x} AS DATE) END`,
    ...strptimeSql(x, formats, p).map((e) => `CAST(${e} AS DATE)`),
    `TRY_CAST(${normalizedDateText(x)} AS DATE)`,
    `CASE WHEN regexp_full_match(${x}, '[0-9]{8}') THEN CAST(try_strptime(${x}, '%Y%m%d') AS DATE) END`,
    `CAST(${excelSerialSql(x)} AS DATE)`,
  ];
  return `COALESCE(${parts.join(', ')})`;
}

/** A value map (source text → canonical) as a CASE over bound parameters; unmapped → NULL. */
export function valueMapSql(x: string, map: Record<string, string>, p: SqlParams, lower = true): string {
  const entries = Object.entries(map);
  if (entries.length === 0) return 'NULL';
  const subject = lower ? `lower(${x})` : x;
  const whens = entries.map(
    ([from, to]) => `WHEN ${p.add(lower ? from.toLowerCase() : from)} THEN ${p.add(to)}`,
  );
  return `(CASE ${subject} ${whens.join(' ')} END)`;
}

export interface TypedSqlOptions {
  dateFormats: string[];
  params: SqlParams;
}

/** The typed expression for a column type; `x` is the trimmed raw text (NULL when empty). */
export function typedSql(type: ColumnType, x: string, o: TypedSqlOptions): string {
  switch (type) {
    case 'varchar':
      return x;
    case 'integer':
      return integerSql(x, 'INTEGER');
    case 'bigint':
      return integerSql(x, 'BIGINT');
    case 'double':
      return doubleSql(x);
    case 'money':
      return moneySql(x);
    case 'boolean':
      return booleanSql(x);
    case 'date':
      return dateSql(x, o.dateFormats, o.params);
    case 'timestamptz':
      return timestampSql(x, o.dateFormats, o.params);
  }
}

export const TYPE_REASON: Record<ColumnType, string> = {
  varchar: 'not text',
  integer: 'not a whole number',
  bigint: 'not a whole number',
  double: 'not a number',
  money: 'not a money amount (examples: 1234.50, ¥1,234.50, 1,234.50元, $12.00)',
  boolean: 'not a yes/no value (true/false, 是/否, 1/0, yes/no)',
  date: 'not a date (examples: 2026-10-05, 2026/10/05, 2026年10月5日, 20261005)',
  timestamptz: 'not a date/time (examples: 2026-10-05 12:00, 2026-10-05T12:00:00Z, 2026年10月5日 12:00:00)',
};
