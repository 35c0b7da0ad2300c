import type { TableName } from '../schema/tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** Whether a file at this path was imported before (its content may have changed since). */
export async function importedBefore(wh: Warehouse, path: string): Promise<boolean> {
  const rows = await wh.query('SELECT 1 FROM _fupan_imports WHERE file = $1 LIMIT 1', [path]);
  return rows.length > 0;
}

export interface LedgerEntry {
  file: string;
  contentHash: string;
  table: TableName;
  mapping: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  startedAt: Date;
}

/** The earlier import of identical content (with the same table and mapping, when given), if any. */
export async function previousImport(
  wh: Warehouse,
  hash: string,
  table: TableName | undefined,
  mapping: string | undefined,
): Promise<{ table: TableName; rowsRead: number; loaded: number; rejected: number } | undefined> {
  const rows = await wh.query(
    `SELECT "table", rows_read, rows_inserted + rows_updated + rows_unchanged AS loaded, rows_rejected
     FROM _fupan_imports WHERE content_hash = $1 AND ($2::VARCHAR IS NULL OR "table" = $2) AND ($3::VARCHAR IS NULL OR mapping = $3)
     ORDER BY import_id, "table" = 'orders' LIMIT 1`,
    [hash, table ?? null, mapping ?? null],
  );
  if (rows.length === 0) return undefined;
  const r = rows[0];
  return {
    table: r.table as TableName,
    rowsRead: Number(r.rows_read),
    loaded: Number(r.loaded),
    rejected: Number(r.rows_rejected),
  };
}

/** Records one import (one ledger row per table written, sharing an import_id). */
export async function recordImport(wh: Warehouse, entries: LedgerEntry[]): Promise<void> {
  const [{ id }] = await wh.query('SELECT coalesce(max(import_id), 0) + 1 AS id FROM _fupan_imports');
  for (const e of entries) {
    await wh.run(
      `INSERT INTO _fupan_imports VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::TIMESTAMPTZ, current_timestamp)`,
      [
        Number(id),
        e.file,
        e.contentHash,
        e.table,
        e.mapping,
        e.rowsRead,
        e.inserted,
        e.updated,
        e.unchanged,
        e.rejected,
        e.startedAt.toISOString(),
      ],
    );
  }
}
