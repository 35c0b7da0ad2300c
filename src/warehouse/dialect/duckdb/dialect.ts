import type { ColumnType } from '../../../schema/tables.js';
import type { Dialect, Grain } from '../../dialect.js';

const TYPES: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  money: 'DECIMAL(18,2)',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamptz: 'TIMESTAMPTZ',
};

function quoteString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdent: (name) => `"${name.replaceAll('"', '""')}"`,
  param: (i) => `$${i}`,
  columnType: (type) => TYPES[type],
  dateTrunc(grain: Grain, d: string, weekStart: 1 | 7) {
    if (grain === 'day') return `CAST(${d} AS DATE)`;
    if (grain === 'week') {
      // isodow: Monday = 1 … Sunday = 7
      const back = weekStart === 1 ? `(isodow(${d}) - 1)` : `(isodow(${d}) % 7)`;
      return `CAST(${d} - CAST(${back} AS INTEGER) AS DATE)`;
    }
    return `CAST(date_trunc('${grain}', ${d}) AS DATE)`;
  },
  dateLabel(grain: Grain, d: string, weekStart: 1 | 7) {
    switch (grain) {
      case 'day':
        return `strftime(${d}, '%Y-%m-%d')`;
      case 'week':
        return `strftime(${this.dateTrunc('week', d, weekStart)}, '%Y-%m-%d')`;
      case 'month':
        return `strftime(${d}, '%Y-%m')`;
      case 'quarter':
        return `(CAST(year(${d}) AS VARCHAR) || '-Q' || CAST(quarter(${d}) AS VARCHAR))`;
      case 'year':
        return `CAST(year(${d}) AS VARCHAR)`;
    }
  },
  localDate: (ts, tz) => `CAST(timezone(${quoteString(tz)}, ${ts}) AS DATE)`,
  moneySum: (e) => `CAST(sum(${e}) AS DECIMAL(18,2))`,
  countDistinct: (e) => `count(DISTINCT ${e})`,
  safeDivide: (n, d) => `(CAST(${n} AS DOUBLE) / NULLIF(CAST(${d} AS DOUBLE), 0))`,
  daysBetween: (from, to) => `CAST((${to}) - (${from}) AS INTEGER)`,
  monthsBetween: (from, to) =>
    `CAST((year(${to}) - year(${from})) * 12 + month(${to}) - month(${from}) AS INTEGER)`,
  argMin: (v, k) => `arg_min(${v}, ${k})`,
  ntile: (n, orderBy) => `ntile(${Math.trunc(n)}) OVER (ORDER BY ${orderBy})`,
};
