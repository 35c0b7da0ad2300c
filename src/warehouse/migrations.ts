import {
  DERIVED_TABLES,
  type DerivedTableDef,
  TABLE_NAMES,
  TABLES,
  type TableDef,
} from '../schema/tables.js';
import { insertCustomerMonthsSql, syncLineOrdersSql, syncMemberTiersSql } from './derived.js';
import type { Dialect } from './dialect.js';

/**
 * Versioned schema changes. Each migration runs once, in order, inside a transaction;
 * `_fupan_meta.schema_version` records the last one applied. Never edit a shipped migration:
 * add a new one.
 */
export interface Migration {
  version: number;
  description: string;
  statements(dialect: Dialect): string[];
}

/** Key columns hold '' rather than NULL so that natural keys compare with `=`. */
function createTable(dialect: Dialect, def: TableDef | DerivedTableDef): string {
  const cols = def.columns.map((col) => {
    const isKey = def.key.includes(col.name);
    const notNull = isKey ? (col.type === 'varchar' ? " NOT NULL DEFAULT ''" : ' NOT NULL') : '';
    return `  ${dialect.quoteIdent(col.name)} ${dialect.columnType(col.type)}${notNull}`;
  });
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdent(def.name)} (\n${cols.join(',\n')}\n)`;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'canonical tables, import ledger, derived customer facts',
    statements: (d) => [
      ...TABLE_NAMES.map((t) => createTable(d, TABLES[t])),
      `CREATE TABLE IF NOT EXISTS _fupan_imports (
  import_id BIGINT NOT NULL,
  file VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  "table" VARCHAR NOT NULL,
  mapping VARCHAR,
  rows_read BIGINT NOT NULL,
  rows_inserted BIGINT NOT NULL,
  rows_updated BIGINT NOT NULL,
  rows_unchanged BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL
)`,
      // One row per customer with a paid order: rebuilt from orders after every orders import.
      `CREATE TABLE IF NOT EXISTS customer_facts (
  customer_id VARCHAR NOT NULL,
  first_paid_at TIMESTAMPTZ,
  first_paid_date DATE,
  last_paid_date DATE,
  paid_orders BIGINT,
  first_channel VARCHAR
)`,
    ],
  },
  {
    version: 2,
    description: 'derived customer_months (paid orders and GMV per customer × month, running totals)',
    statements: (d) => [
      createTable(d, DERIVED_TABLES.customer_months),
      'DELETE FROM customer_months',
      insertCustomerMonthsSql(d, ''),
    ],
  },
  {
    version: 3,
    description: "orders.member_tier: the buyer's tier on each order (no join with customers to group by it)",
    statements: () => [
      // a file created by this version has the column from version 1 (TABLES)
      'ALTER TABLE orders ADD COLUMN IF NOT EXISTS member_tier VARCHAR',
      syncMemberTiersSql(''),
    ],
  },
  {
    version: 4,
    description:
      "order_lines.order_paid_date and order_customer_id: the order's, so that sums by product read the lines alone",
    statements: () => [
      // a file created by this version has the columns from version 1 (TABLES)
      'ALTER TABLE order_lines ADD COLUMN IF NOT EXISTS order_paid_date DATE',
      'ALTER TABLE order_lines ADD COLUMN IF NOT EXISTS order_customer_id VARCHAR',
      syncLineOrdersSql(''),
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
