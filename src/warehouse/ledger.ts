import type { Warehouse } from './warehouse.js';

/** One import recorded in `_fupan_imports` (written by ingest). */
export interface LedgerEntry {
  importId: number;
  file: string;
  contentHash: string;
  table: string;
  mapping: string | null;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  startedAt: string;
  finishedAt: string;
}

/** The import ledger, oldest first. */
export async function importLedger(wh: Warehouse): Promise<LedgerEntry[]> {
  const rows = await wh.query(
    `SELECT import_id, file, content_hash, "table", mapping, rows_read, rows_inserted, rows_updated,
            rows_unchanged, rows_rejected, started_at, finished_at
     FROM _fupan_imports ORDER BY started_at, import_id`,
  );
  return rows.map((r) => ({
    importId: Number(r.import_id),
    file: String(r.file),
    contentHash: String(r.content_hash),
    table: String(r.table),
    mapping: r.mapping === null ? null : String(r.mapping),
    rowsRead: Number(r.rows_read),
    rowsInserted: Number(r.rows_inserted),
    rowsUpdated: Number(r.rows_updated),
    rowsUnchanged: Number(r.rows_unchanged),
    rowsRejected: Number(r.rows_rejected),
    startedAt: String(r.started_at),
    finishedAt: String(r.finished_at),
  }));
}
