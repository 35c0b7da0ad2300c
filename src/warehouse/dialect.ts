import type { ColumnType } from '../schema/tables.js';

/** Date grains every dialect can bucket by, in the store time zone. */
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * What differs between engines. The metric compiler builds SQL only through this interface,
 * so a new engine is a new folder under dialect/ with the same files (cf. Kysely).
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  quoteIdent(name: string): string;
  /** Positional parameter placeholder for the i-th bound value (1-based). */
  param(index: number): string;
  columnType(type: ColumnType): string;
  /** SQL for the bucket label (a string like 2026-10, 2026-W42, 2026-Q4) of a DATE expression. */
  dateLabel(grain: Grain, dateExpr: string, weekStart: 1 | 7): string;
  /** SQL for the first day of the bucket containing a DATE expression. */
  dateTrunc(grain: Grain, dateExpr: string, weekStart: 1 | 7): string;
  /** SQL turning a TIMESTAMPTZ expression into a DATE in the given IANA zone. */
  localDate(tsExpr: string, timeZone: string): string;
  /** Exact money sum as DECIMAL(18,2)-compatible output. */
  moneySum(expr: string): string;
  /** Distinct count (exact). */
  countDistinct(expr: string): string;
  /** Division that yields NULL on a zero denominator. */
  safeDivide(num: string, den: string): string;
  /** Whole days from one DATE expression to another (to − from). */
  daysBetween(fromDate: string, toDate: string): string;
  /** Whole calendar months from one DATE expression's month to another's (to − from). */
  monthsBetween(fromDate: string, toDate: string): string;
  /** The value of `valueExpr` on the row where `keyExpr` is smallest (an aggregate). */
  argMin(valueExpr: string, keyExpr: string): string;
  /** Tile number 1…n of each row over the whole result ordered by `orderBy` (SQL ntile semantics). */
  ntile(n: number, orderBy: string): string;
}
