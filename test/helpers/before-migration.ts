import { Warehouse } from '../../src/warehouse/warehouse.js';

/**
 * Closes `wh` after marking its file as schema 1 (before customer_months), reopens it read-only as a
 * database from before migration 2 is opened, and returns what `run` gives there: the analyses' original
 * SQL over orders, to compare with what they gave from customer_months.
 */
export async function runBeforeMigration2<T>(
  wh: Warehouse,
  path: string,
  run: (wh: Warehouse) => Promise<T>,
): Promise<T> {
  await wh.run("UPDATE _fupan_meta SET value = '1' WHERE key = 'schema_version'");
  wh.close();
  const old = await Warehouse.open(path, { readOnly: true, timeZone: 'Asia/Shanghai' });
  try {
    return await run(old);
  } finally {
    old.close();
  }
}
