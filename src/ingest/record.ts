import type { TableName } from '../schema/tables.js';
import { refreshDerived } from '../warehouse/derived.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { recordImport } from './ledger.js';
import type { ImportResult } from './types.js';
import type { UpsertResult } from './upsert.js';

/** What identifies one import in the ledger. */
export interface ImportContext {
  file: string;
  /** Absolute path. */
  path: string;
  hash: string;
  started: Date;
}

const counts = (r: UpsertResult) => ({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged });

/**
 * The end of an import, inside its transaction: one ledger row per table written, then derived data
 * (local dates were computed while inserting; customers and customer_facts are brought up to date
 * for the customers whose orders changed). Returns the derived tables also written.
 */
export async function recordAndRefresh(
  wh: Warehouse,
  ctx: ImportContext,
  write: { table: TableName; mapping: string; rowsRead: number; rejected: number },
  main: UpsertResult,
  orders?: UpsertResult,
): Promise<ImportResult['alsoLoaded']> {
  const { table, mapping, rowsRead, rejected } = write;
  const alsoLoaded: ImportResult['alsoLoaded'] = [];
  const ledger = [{ table, rowsRead, ...counts(main), rejected }];
  if (orders) {
    alsoLoaded.push({ table: 'orders', ...counts(orders) });
    ledger.push({ table: 'orders', rowsRead, ...counts(orders), rejected });
  }
  await recordImport(
    wh,
    ledger.map((l) => ({ ...l, file: ctx.path, contentHash: ctx.hash, mapping, startedAt: ctx.started })),
  );
  if (table === 'orders' || table === 'customers' || orders) {
    // placed_date/paid_date were computed in this zone while inserting; without this note the
    // first refresh would recompute every row.
    await wh.run(
      "INSERT INTO _fupan_meta SELECT 'derived_time_zone', $1 WHERE NOT EXISTS (SELECT 1 FROM _fupan_meta WHERE key = 'derived_time_zone')",
      [wh.timeZone],
    );
    const ordersWrite = orders ?? (table === 'orders' ? main : undefined);
    await refreshDerived(
      wh,
      ordersWrite?.orderChange ?? 'none',
      table === 'customers' ? (main.customerChange ?? 'none') : 'none',
      ordersWrite?.ordersWritten ?? 'none',
    );
  }
  return alsoLoaded;
}
