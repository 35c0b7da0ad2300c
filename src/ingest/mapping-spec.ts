import { existsSync, readFileSync } from 'node:fs';
import { FupanError } from '../errors.js';
import { isTableName, type TableName } from '../schema/tables.js';
import { cdnowPreset } from './presets/cdnow.js';
import { invoiceLinesPreset } from './presets/invoice-lines.js';
import { shopifyPreset } from './presets/shopify.js';

/** How the source text is laid out (CSV is the default). */
export interface FormatSpec {
  /** `csv` (default for text), `whitespace` (fields separated by runs of blanks, no quoting). */
  kind?: 'csv' | 'whitespace';
  /** Field delimiter for csv: `,` `\t` `;` `|` (guessed from the header line when absent). */
  delimiter?: string;
  /** Whether the first line is a header (default true; `whitespace` files guess). */
  header?: boolean;
  /** Column names when the file has no header (in file order). */
  columnNames?: string[];
}

/**
 * A mapping: how a source file's columns become canonical columns. User mapping files are JSON of
 * this shape (without `exprs`, which only built-in presets have).
 */
export interface MappingSpec {
  name?: string;
  /** Main target table. */
  table?: TableName;
  /** Source header → canonical column (or `customer_email` / `customer_phone`). */
  columns?: Record<string, string>;
  /** Canonical column → { source value → canonical value } (e.g. status: { 已签收: completed }). */
  values?: Record<string, Record<string, string>>;
  /** Extra strptime formats tried for dates and times, e.g. `%d/%m/%Y %H:%M`. */
  dateFormats?: string[];
  /** The rows are order lines: also build one orders row per order_id from them. */
  deriveOrders?: boolean;
  /** Orders whose id starts with this are cancellations (UCI-style credit notes, e.g. `C`). */
  cancelledOrderPrefix?: string;
  /** Also match the remaining headers by the built-in synonyms (default true). */
  synonyms?: boolean;
  format?: FormatSpec;
  /**
   * Built-in presets only: canonical column → SQL text expression built from source columns.
   * `col(name)` returns the trimmed source value (NULL when empty) of a header.
   */
  exprs?: Record<string, (col: (header: string) => string, ctx: { columnCount: number }) => string>;
}

export const PRESETS: Record<string, MappingSpec> = {
  shopify: shopifyPreset,
  cdnow: cdnowPreset,
  'invoice-lines': invoiceLinesPreset,
  uci: invoiceLinesPreset,
};

const SPEC_KEYS = new Set([
  'name',
  'table',
  'columns',
  'values',
  'dateFormats',
  'deriveOrders',
  'cancelledOrderPrefix',
  'synonyms',
  'format',
  '$comment',
]);

/** A preset name or the path of a JSON mapping file → the spec (checked). */
export function loadMapping(nameOrPath: string): MappingSpec {
  const preset = PRESETS[nameOrPath];
  if (preset) return preset;
  if (!existsSync(nameOrPath)) {
    throw new FupanError(
      'USAGE',
      `unknown mapping "${nameOrPath}": use a preset (${Object.keys(PRESETS).join(', ')}) or the path of a JSON mapping file`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(nameOrPath, 'utf8'));
  } catch (e) {
    throw new FupanError('USAGE', `${nameOrPath}: mapping file is not valid JSON (${(e as Error).message})`);
  }
  return checkSpec(raw, nameOrPath);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}

export function checkSpec(raw: unknown, source: string): MappingSpec {
  const bad = (msg: string) => new FupanError('USAGE', `${source}: ${msg}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('expected a JSON object');
  const spec = raw as Record<string, unknown>;
  for (const k of Object.keys(spec)) if (!SPEC_KEYS.has(k)) throw bad(`unknown key "${k}"`);
  if (spec.table !== undefined && (typeof spec.table !== 'string' || !isTableName(spec.table))) {
    throw bad(`"table" must be one of the canonical tables, not ${JSON.stringify(spec.table)}`);
  }
  if (spec.columns !== undefined && !isStringMap(spec.columns))
    throw bad('"columns" must map header → column');
  if (spec.values !== undefined) {
    if (typeof spec.values !== 'object' || spec.values === null) throw bad('"values" must be an object');
    for (const m of Object.values(spec.values))
      if (!isStringMap(m)) throw bad('"values" maps must be text → text');
  }
  if (
    spec.dateFormats !== undefined &&
    (!Array.isArray(spec.dateFormats) || !spec.dateFormats.every((f) => typeof f === 'string'))
  ) {
    throw bad('"dateFormats" must be a list of strptime formats');
  }
  return { name: source, ...(spec as MappingSpec), exprs: undefined };
}

/** Recognises exports whose headers identify a preset (Shopify orders, UCI invoice lines). */
export function detectPreset(header: string[]): MappingSpec | undefined {
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (has('Name', 'Financial Status', 'Lineitem quantity', 'Lineitem price')) return shopifyPreset;
  if (has('StockCode', 'Quantity', 'InvoiceDate') && (has('InvoiceNo') || has('Invoice')))
    return invoiceLinesPreset;
  return undefined;
}
