import type { Grain } from '../../warehouse/dialect.js';

/**
 * A small immutable SQL syntax tree (cf. Mosaic). The compiler builds it; `printSql` prints it for a
 * dialect. Identifiers in it come only from the registry; user values only as `param` nodes.
 */
export type SqlType = 'DATE' | 'VARCHAR' | 'DOUBLE' | 'BIGINT';
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'AND'
  | 'OR'
  /** Equality that holds for two NULLs (grouping sets leave the dimensions out of a set NULL). */
  | 'IS NOT DISTINCT FROM';
export type AggFn = 'sum' | 'count' | 'min' | 'max' | 'avg';

export type Expr =
  | { readonly kind: 'col'; readonly table?: string; readonly name: string }
  | { readonly kind: 'param'; readonly value: string | number }
  /** A constant written by the compiler (never a user value: those are params). */
  | { readonly kind: 'lit'; readonly value: number | string | null }
  | { readonly kind: 'call'; readonly fn: 'coalesce' | 'concat'; readonly args: readonly Expr[] }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'isNull'; readonly expr: Expr; readonly negate: boolean }
  | { readonly kind: 'in'; readonly expr: Expr; readonly values: readonly Expr[]; readonly negate: boolean }
  | { readonly kind: 'case'; readonly whens: readonly (readonly [Expr, Expr])[]; readonly otherwise?: Expr }
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: SqlType }
  | { readonly kind: 'agg'; readonly fn: AggFn; readonly arg?: Expr }
  | { readonly kind: 'moneySum'; readonly arg: Expr }
  | { readonly kind: 'dateLabel'; readonly grain: Grain; readonly expr: Expr; readonly weekStart: 1 | 7 }
  | { readonly kind: 'dateTrunc'; readonly grain: Grain; readonly expr: Expr; readonly weekStart: 1 | 7 }
  | { readonly kind: 'safeDivide'; readonly num: Expr; readonly den: Expr }
  /** Which of its arguments a grouping-sets row is not grouped by: one bit each, the first highest. */
  | { readonly kind: 'groupingId'; readonly args: readonly Expr[] }
  /** All columns of a table alias (`o.*`); only as a select column. */
  | { readonly kind: 'star'; readonly table: string }
  /** The one value of a one-row, one-column query. */
  | { readonly kind: 'scalar'; readonly query: Select };

export interface Column {
  readonly expr: Expr;
  readonly as: string;
}

export type From =
  | { readonly kind: 'table'; readonly name: string; readonly alias: string }
  | { readonly kind: 'subquery'; readonly query: Select; readonly alias: string }
  | { readonly kind: 'unionAll'; readonly queries: readonly Select[]; readonly alias: string }
  | {
      readonly kind: 'join';
      /** SEMI and ANTI keep the left rows with (without) a match, and only the left columns. */
      readonly type: JoinType;
      readonly left: From;
      readonly right: From;
      readonly on?: Expr;
    };

export type JoinType = 'INNER' | 'LEFT' | 'FULL' | 'CROSS' | 'SEMI' | 'ANTI';

/** A named query of a WITH clause, read by `table(name, alias)` in the select it belongs to. */
export interface Cte {
  readonly name: string;
  readonly query: Select;
}

export interface OrderItem {
  readonly expr: Expr;
  readonly desc: boolean;
}

export interface Select {
  readonly kind: 'select';
  readonly with?: readonly Cte[];
  readonly columns: readonly Column[];
  readonly from: From;
  readonly where?: Expr;
  readonly groupBy?: readonly Expr[];
  /** GROUP BY GROUPING SETS (…), one list of expressions per set; instead of `groupBy`. */
  readonly groupingSets?: readonly (readonly Expr[])[];
  readonly orderBy?: readonly OrderItem[];
  readonly limit?: number;
}

// Constructors: the compiler reads like the SQL it builds.
export const col = (table: string | undefined, name: string): Expr => ({ kind: 'col', table, name });
export const ref = (name: string): Expr => ({ kind: 'col', name });
export const param = (value: string | number): Expr => ({ kind: 'param', value });
export const lit = (value: number | string | null): Expr => ({ kind: 'lit', value });
export const coalesce = (...args: Expr[]): Expr => ({ kind: 'call', fn: 'coalesce', args });
export const concat = (...args: Expr[]): Expr => ({ kind: 'call', fn: 'concat', args });
export const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const eq = (l: Expr, r: Expr) => bin('=', l, r);
export const gte = (l: Expr, r: Expr) => bin('>=', l, r);
export const lte = (l: Expr, r: Expr) => bin('<=', l, r);
export const gt = (l: Expr, r: Expr) => bin('>', l, r);
export const minus = (l: Expr, r: Expr) => bin('-', l, r);
export const times = (l: Expr, r: Expr) => bin('*', l, r);
export const isNull = (expr: Expr): Expr => ({ kind: 'isNull', expr, negate: false });
export const isNotNull = (expr: Expr): Expr => ({ kind: 'isNull', expr, negate: true });
export const inList = (expr: Expr, values: Expr[], negate = false): Expr => ({
  kind: 'in',
  expr,
  values,
  negate,
});
export const caseWhen = (whens: Array<[Expr, Expr]>, otherwise?: Expr): Expr => ({
  kind: 'case',
  whens,
  otherwise,
});
export const cast = (expr: Expr, type: SqlType): Expr => ({ kind: 'cast', expr, type });
export const agg = (fn: AggFn, arg?: Expr): Expr => ({ kind: 'agg', fn, arg });
export const countAll = (): Expr => ({ kind: 'agg', fn: 'count' });
/** count of rows where cond holds (portable: no FILTER clause). */
export const countIf = (cond: Expr): Expr => agg('count', caseWhen([[cond, lit(1)]]));
export const moneySum = (arg: Expr): Expr => ({ kind: 'moneySum', arg });
export const dateLabel = (grain: Grain, expr: Expr, weekStart: 1 | 7): Expr => ({
  kind: 'dateLabel',
  grain,
  expr,
  weekStart,
});
export const dateTrunc = (grain: Grain, expr: Expr, weekStart: 1 | 7): Expr => ({
  kind: 'dateTrunc',
  grain,
  expr,
  weekStart,
});
export const safeDivide = (num: Expr, den: Expr): Expr => ({ kind: 'safeDivide', num, den });
export const groupingId = (...args: Expr[]): Expr => ({ kind: 'groupingId', args });
export const dateParam = (value: string): Expr => cast(param(value), 'DATE');

/** AND of the conditions (undefined when there are none). */
export function and(...conds: Array<Expr | undefined>): Expr | undefined {
  const present = conds.filter((c): c is Expr => c !== undefined);
  if (present.length === 0) return undefined;
  return present.reduce((a, b) => bin('AND', a, b));
}

/** OR of the conditions (at least one). */
export function or(first: Expr, ...rest: Expr[]): Expr {
  return rest.reduce((a, b) => bin('OR', a, b), first);
}

export const star = (tableAlias: string): Expr => ({ kind: 'star', table: tableAlias });
export const scalar = (query: Select): Expr => ({ kind: 'scalar', query });
export const unionAll = (queries: Select[], alias: string): From => ({ kind: 'unionAll', queries, alias });

export const table = (name: string, alias: string): From => ({ kind: 'table', name, alias });
export const subquery = (query: Select, alias: string): From => ({ kind: 'subquery', query, alias });
export const join = (type: JoinType, left: From, right: From, on?: Expr): From => ({
  kind: 'join',
  type,
  left,
  right,
  on,
});

export function select(parts: Omit<Select, 'kind'>): Select {
  return { kind: 'select', ...parts };
}
