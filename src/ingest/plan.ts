import { FupanError } from '../errors.js';
import { type ColumnType, requiredColumns, TABLE_NAMES, TABLES, type TableName } from '../schema/tables.js';
import type { MappingSpec } from './mapping-spec.js';
import { rawCol } from './stage.js';
import { HEADER_SYNONYMS, normalizeHeader, PSEUDO_COLUMNS } from './synonyms.js';

/** One target column and the SQL that reads its raw text from the staging table. */
export interface FieldPlan {
  column: string;
  /** Table the column belongs to (orders for order-level fields of a line-level export). */
  table: TableName;
  type: ColumnType;
  /** SQL text expression over the staging columns; NULL when the cell is empty. */
  raw: string;
  /** Source header(s), for reports. */
  source: string;
  /** The source column (c0, c1, … in the staging table) when the field is that column as is. */
  index?: number;
}

export interface LoadPlan {
  mapping: string;
  table: TableName;
  /** Rows are order lines; orders are derived (one per order_id). */
  deriveOrders: boolean;
  fields: FieldPlan[];
  values: Record<string, Record<string, string>>;
  dateFormats: string[];
  cancelledPrefix?: string;
}

const ID_COLUMNS = new Set(['order_id', 'customer_id', 'sku']);
/** Columns fupan can fill when a file lacks them (see docs/ingest.md). */
const FILLABLE: Partial<Record<TableName, string[]>> = {
  orders: ['item_total', 'customer_id'],
  order_lines: ['line_no'],
};

/**
 * Text without leading and trailing spaces (Unicode space separators, what DuckDB's trim removes),
 * NULL when empty. trim copies every string; ASCII text with no space at either end — most cells —
 * is returned as is (in ASCII the only space separator is ' ').
 */
export function trimmedText(c: string): string {
  return `(CASE WHEN strlen(${c}) = length(${c}) AND NOT (prefix(${c}, ' ') OR suffix(${c}, ' ')) AND ${c} <> '' THEN ${c} ELSE NULLIF(trim(${c}), '') END)`;
}

/** Trimmed text, NULL when empty; ids lose Excel's `="…"` text guard. */
function rawExpr(i: number, column: string): string {
  const x = trimmedText(rawCol(i));
  if (!ID_COLUMNS.has(column)) return x;
  return `CASE WHEN starts_with(${x}, '=') THEN regexp_replace(${x}, '^="?(.*?)"?$', '\\1') ELSE ${x} END`;
}

function columnType(table: TableName, column: string): ColumnType | undefined {
  if ((PSEUDO_COLUMNS as readonly string[]).includes(column)) return 'varchar';
  const def = TABLES[table].columns.find((c) => c.name === column && !c.derived);
  return def?.type;
}

/** normalized header name → canonical column, for one table. */
function synonymIndex(table: TableName): Map<string, string> {
  const idx = new Map<string, string>();
  for (const col of TABLES[table].columns) if (!col.derived) idx.set(normalizeHeader(col.name), col.name);
  for (const [col, names] of Object.entries(HEADER_SYNONYMS[table] ?? {})) {
    for (const n of names) if (!idx.has(normalizeHeader(n))) idx.set(normalizeHeader(n), col);
  }
  return idx;
}

function matchHeaders(header: string[], table: TableName): Map<number, string> {
  const idx = synonymIndex(table);
  const out = new Map<number, string>();
  const used = new Set<string>();
  header.forEach((h, i) => {
    const col = idx.get(normalizeHeader(h));
    if (col && !used.has(col)) {
      out.set(i, col);
      used.add(col);
    }
  });
  return out;
}

function isCandidate(table: TableName, matched: Set<string>): boolean {
  const fillable = FILLABLE[table] ?? [];
  const guestOk = matched.has('customer_email') || matched.has('customer_phone');
  return requiredColumns(table).every(
    (c) => matched.has(c) || (fillable.includes(c) && (c !== 'customer_id' || guestOk)),
  );
}

/** Picks the table whose required columns the headers cover, with the most matched columns. */
export function inferTable(header: string[], file: string): { table: TableName; deriveOrders: boolean } {
  const scored = TABLE_NAMES.map((t) => {
    const matched = new Set(matchHeaders(header, t).values());
    return { table: t, matched, ok: isCandidate(t, matched) };
  }).filter((s) => s.ok);
  const ordersMatched = new Set(matchHeaders(header, 'orders').values());
  const lines = scored.find((s) => s.table === 'order_lines');
  if (lines && ordersMatched.has('placed_at')) return { table: 'order_lines', deriveOrders: true };
  scored.sort((a, b) => b.matched.size - a.matched.size);
  if (scored.length === 0) {
    throw new FupanError(
      'INGEST_UNKNOWN_TABLE',
      `${file}: cannot tell which table the columns (${shortList(header)}) belong to. ` +
        `Name it with --table (${TABLE_NAMES.join(', ')}) or give a --mapping.`,
      { file },
    );
  }
  if (scored.length > 1 && scored[0].matched.size === scored[1].matched.size) {
    throw new FupanError(
      'INGEST_UNKNOWN_TABLE',
      `${file}: the columns fit both ${scored[0].table} and ${scored[1].table}; choose one with --table.`,
      { file },
    );
  }
  return { table: scored[0].table, deriveOrders: false };
}

/** Maps a staged file's header onto canonical columns. */
export function buildPlan(
  header: string[],
  spec: MappingSpec | undefined,
  tableOpt: TableName | undefined,
  file: string,
): LoadPlan {
  let table = spec?.table ?? tableOpt;
  let deriveOrders = Boolean(spec?.deriveOrders);
  if (!table) ({ table, deriveOrders } = inferTable(header, file));
  else if (!spec && table === 'order_lines') {
    deriveOrders = [...matchHeaders(header, 'orders').values()].includes('placed_at');
  }
  const fieldTables: TableName[] = deriveOrders ? ['order_lines', 'orders'] : [table];
  const tableOf = (column: string): TableName | undefined => {
    if ((PSEUDO_COLUMNS as readonly string[]).includes(column))
      return fieldTables.includes('orders') ? 'orders' : undefined;
    return fieldTables.find((t) => columnType(t, column) !== undefined);
  };

  const byColumn = new Map<string, FieldPlan>();
  const assigned = new Set<number>();
  const findHeader = (name: string): number => {
    const exact = header.indexOf(name);
    return exact >= 0 ? exact : header.findIndex((h) => normalizeHeader(h) === normalizeHeader(name));
  };
  const add = (column: string, i: number) => {
    const t = tableOf(column);
    if (!t || byColumn.has(column)) return;
    byColumn.set(column, {
      column,
      table: t,
      type: columnType(t, column)!,
      raw: rawExpr(i, column),
      source: header[i],
      index: i,
    });
    assigned.add(i);
  };
  for (const [src, column] of Object.entries(spec?.columns ?? {})) {
    if (!tableOf(column)) {
      throw new FupanError(
        'USAGE',
        `${spec?.name ?? 'mapping'}: "${column}" is not a column of ${fieldTables.join(' or ')}`,
      );
    }
    const i = findHeader(src);
    if (i >= 0) add(column, i);
  }
  if (spec?.synonyms !== false) {
    for (const t of fieldTables) {
      for (const [i, column] of matchHeaders(header, t)) if (!assigned.has(i)) add(column, i);
    }
  }
  for (const [column, build] of Object.entries(spec?.exprs ?? {})) {
    const t = tableOf(column);
    if (!t) continue;
    const col = (name: string) => {
      const i = findHeader(name);
      return i >= 0 ? rawExpr(i, '') : 'NULL';
    };
    const raw = `NULLIF(trim(CAST((${build(col, { columnCount: header.length })}) AS VARCHAR)), '')`;
    byColumn.set(column, {
      column,
      table: t,
      type: columnType(t, column)!,
      raw,
      source: byColumn.get(column)?.source ?? column,
    });
  }

  const plan: LoadPlan = {
    mapping: spec?.name ?? 'auto',
    table,
    deriveOrders,
    fields: [...byColumn.values()],
    values: spec?.values ?? {},
    dateFormats: spec?.dateFormats ?? [],
    cancelledPrefix: spec?.cancelledOrderPrefix,
  };
  checkRequired(plan, header, file);
  return plan;
}

function checkRequired(plan: LoadPlan, header: string[], file: string): void {
  const have = new Set(plan.fields.map((f) => f.column));
  const missing: string[] = [];
  const tables: TableName[] = plan.deriveOrders ? ['order_lines', 'orders'] : [plan.table];
  for (const t of tables) {
    for (const c of requiredColumns(t)) {
      if (have.has(c) || missing.includes(c)) continue;
      if (t === 'order_lines' && c === 'line_no') continue;
      if (t === 'orders' && c === 'customer_id') continue; // guests: see docs/ingest.md
      if (
        t === 'orders' &&
        (c === 'item_total' || c === 'paid_total') &&
        (plan.deriveOrders || have.has('paid_total'))
      )
        continue;
      missing.push(c);
    }
  }
  if (missing.length === 0) return;
  const hint = missing
    .map((c) => {
      const names = tables.flatMap((t) => HEADER_SYNONYMS[t]?.[c] ?? []).slice(0, 4);
      return names.length ? `${c} (${[...new Set(names)].join(' / ')})` : c;
    })
    .join(', ');
  throw new FupanError(
    'INGEST_MISSING_COLUMNS',
    `${file}: missing required column(s) for ${plan.table}: ${hint}. Found: ${shortList(header)}. ` +
      'Rename the headers or map them with --mapping <file.json>. The file was not loaded.',
    { file, column: missing.join(',') },
  );
}

function shortList(header: string[]): string {
  return header.length > 12
    ? `${header.slice(0, 12).join(', ')}, … (${header.length} columns)`
    : header.join(', ');
}
