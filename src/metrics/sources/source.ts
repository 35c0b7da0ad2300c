import type { Grain } from '../../warehouse/dialect.js';
import {
  and,
  type Column,
  coalesce,
  col,
  dateLabel,
  dateParam,
  dateTrunc,
  type Expr,
  type From,
  groupingId,
  gte,
  inList,
  lit,
  lte,
  param,
  ref,
  type Select,
  select,
  star,
  subquery,
  table,
  unionAll,
} from '../sql/ast.js';
import type { Filter, Period } from '../types.js';

/** What the compiler asks of one fact source. */
export interface SourceRequest {
  /** Output dimensions, in order. */
  dims: readonly string[];
  filters: readonly Filter[];
  /**
   * The periods this statement covers: the query period, then comparison periods (never overlapping).
   * With more than one, rows carry the period's index in column `_p` and every grouping includes it.
   */
  periods: readonly Period[];
  weekStart: 1 | 7;
  /** Base measures to compute (output columns named like them). */
  measures: readonly string[];
  /**
   * Grouping sets (subsets of `dims`, which is their union): one statement groups by each, rows carry
   * the set in `_g` (grouping_id over `dims`) and NULL in the dimensions their set leaves out. Only for
   * sources with `groupingSets`.
   */
  sets?: readonly (readonly string[])[];
  /**
   * The file's schema version when it is older than this fupan's (opened read-only, not migrated):
   * sources then read only what it has (see TIER_ON_ORDERS, ORDER_ON_LINES). Absent: the latest.
   */
  schemaVersion?: number;
}

/** From this schema version the file has customer_months (paid orders and GMV per customer × month). */
export const CUSTOMER_MONTHS = 2;
/** From this schema version orders carry member_tier (else: joined from customers). */
export const TIER_ON_ORDERS = 3;
/** From this schema version order_lines carry order_paid_date and order_customer_id. */
export const ORDER_ON_LINES = 4;

/** Whether the request's file has reached a schema version. */
export const hasSchema = (req: Pick<SourceRequest, 'schemaVersion'>, version: number) =>
  (req.schemaVersion ?? version) >= version;

/**
 * One fact source: which dimensions it can group or filter by, and how to build its aggregate query
 * (one row per combination of the requested dimensions; columns named after dimensions and measures).
 */
export interface Source {
  readonly name: string;
  /** Tables it reads, for error messages. */
  readonly tables: string;
  supports(dim: string): boolean;
  /** Builds requests with `sets`. */
  readonly groupingSets?: boolean;
  build(req: SourceRequest): Select;
}

export const DATE_GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

export function isGrain(dim: string): dim is Grain {
  return (DATE_GRAINS as readonly string[]).includes(dim);
}

/** The finest date grain among the dimensions, if any. */
export function finestGrain(dims: readonly string[]): Grain | undefined {
  return DATE_GRAINS.find((g) => dims.includes(g));
}

/** A text dimension column: missing values become '' so that keys compare with `=`. */
export const textDim = (table: string, column: string): Expr =>
  coalesce({ kind: 'col', table, name: column }, lit(''));

/**
 * The grouping expression of a date grain over a DATE column: the DATE the bucket starts on. Sources
 * group by it and the compiler prints the label ('2026-10', '2026-Q4', …) once per output row, not
 * once per fact row (formatting millions of dates cost more than the aggregation).
 */
export const dateDim = (grain: Grain, date: Expr, weekStart: 1 | 7): Expr =>
  dateTrunc(grain, date, weekStart);

/**
 * The WHERE condition of the filters, given each dimension's expression in the source. Date grains
 * are filtered by their label, as a request names them.
 */
export function filterCondition(
  filters: readonly Filter[],
  dimExpr: (dim: string) => Expr,
  weekStart: 1 | 7,
): Expr | undefined {
  return and(
    ...filters.map((f) => {
      const negate = f.op === 'neq' || f.op === 'not_in';
      const d = f.dimension;
      return inList(
        isGrain(d) ? dateLabel(d, dimExpr(d), weekStart) : dimExpr(d),
        f.values.map((v) => param(v)),
        negate,
      );
    }),
  );
}

/** Groups a row-level projection by the dimensions (by name, so no expression is repeated). */
export function groupRows(rows: Select, dims: readonly string[], measures: Column[], alias = 'r'): Select {
  return select({
    columns: [...dims.map((d) => ({ expr: ref(d), as: d })), ...measures],
    from: subquery(rows, alias) as From,
    ...(dims.length > 0 ? { groupBy: dims.map(ref) } : {}),
  });
}

/** Name of the period-index column in multi-period statements. */
export const PERIOD_KEY = '_p';

/** Name of the grouping-set column in statements with grouping sets. */
export const GROUPING_KEY = '_g';

/**
 * Grouping keys of a request: the period index (multi-period statements only), the grouping set
 * (with sets only), then dimensions.
 */
export function groupKeys(req: Pick<SourceRequest, 'dims' | 'periods' | 'sets'>): string[] {
  return [...(req.periods.length > 1 ? [PERIOD_KEY] : []), ...(req.sets ? [GROUPING_KEY] : []), ...req.dims];
}

/**
 * The first grouping of a row-level projection: by the request's keys and `extra` columns, or, with
 * grouping sets, by each set (plus the period index and `extra`), computing `_g`. Later groupings of
 * its result group by `groupKeys(req)` like any column (NULL dimensions group together).
 */
export function groupRowsFirst(
  rows: Select,
  req: Pick<SourceRequest, 'dims' | 'periods' | 'sets'>,
  extra: readonly string[],
  measures: Column[],
  alias = 'r',
): Select {
  if (!req.sets) return groupRows(rows, [...groupKeys(req), ...extra], measures, alias);
  const periodKeys = req.periods.length > 1 ? [PERIOD_KEY] : [];
  const keyColumn = (k: string): Column =>
    k === GROUPING_KEY ? { expr: groupingId(...req.dims.map(ref)), as: k } : { expr: ref(k), as: k };
  return select({
    columns: [...[...groupKeys(req), ...extra].map(keyColumn), ...measures],
    from: subquery(rows, alias) as From,
    groupingSets: req.sets.map((set) => [...periodKeys, ...set, ...extra].map(ref)),
  });
}

/**
 * A fact table restricted to the request's periods, by a DATE column. One period: the table itself and
 * a range condition. Several: a UNION ALL of one range-filtered scan per period (each can skip blocks
 * by the column's min/max), tagged with the period index `_p` and the period start `_start`, so that
 * the rest of the statement (joins with order lines, grouping) runs once for all periods.
 */
export function periodScope(
  tableName: string,
  alias: string,
  dateColumn: string,
  periods: readonly Period[],
): { from: From; where?: Expr; keyColumns: Column[]; start: Expr } {
  const range = (p: Period) =>
    and(gte(col(alias, dateColumn), dateParam(p.from)), lte(col(alias, dateColumn), dateParam(p.to)))!;
  if (periods.length === 1) {
    return {
      from: table(tableName, alias),
      where: range(periods[0]),
      keyColumns: [],
      start: dateParam(periods[0].from),
    };
  }
  const branches = periods.map((p, i) =>
    select({
      columns: [
        { expr: star(alias), as: '*' },
        { expr: lit(i), as: PERIOD_KEY },
        { expr: dateParam(p.from), as: '_start' },
      ],
      from: table(tableName, alias),
      where: range(p),
    }),
  );
  return {
    from: unionAll(branches, alias),
    keyColumns: [{ expr: col(alias, PERIOD_KEY), as: PERIOD_KEY }],
    start: col(alias, '_start'),
  };
}
