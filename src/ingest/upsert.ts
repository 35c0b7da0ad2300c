import { TABLES, type TableName } from '../schema/tables.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** SQL for a derived column of a table, computed while inserting (orders' local dates). */
function derivedSelect(wh: Warehouse, table: TableName, column: string, available: string[]): string {
  const local = (c: string) =>
    available.includes(c) ? wh.dialect.localDate(`s.${q(c)}`, wh.timeZone) : 'NULL';
  if (table === 'orders' && column === 'placed_date') return local('placed_at');
  if (table === 'orders' && column === 'paid_date') return local('paid_at');
  return 'NULL';
}

/**
 * Writes the rows of temp table `src` (columns: a subset of the table's source columns, including the
 * whole natural key, keys unique) into `table` by natural key: new keys are inserted; existing keys
 * whose provided columns differ are replaced (columns the source lacks keep their stored values);
 * identical rows are left alone. Runs inside the caller's transaction.
 */
export async function upsert(
  wh: Warehouse,
  table: TableName,
  src: string,
  columns: string[],
): Promise<UpsertCounts> {
  const def = TABLES[table];
  const keys = def.key;
  const provided = new Set(columns);
  const derived = def.columns.filter((c) => c.derived).map((c) => c.name);
  const absent = def.columns.filter((c) => !c.derived && !provided.has(c.name)).map((c) => c.name);
  const on = keys.map((k) => `s.${q(k)} = t.${q(k)}`).join(' AND ');
  const [{ n: total }] = await wh.query(`SELECT count(*) AS n FROM ${src}`);
  const [{ n: existing }] = await wh.query(`SELECT count(*) AS n FROM (SELECT 1 FROM ${q(table)} LIMIT 1)`);
  const insertFrom = async (from: string, withAbsent: boolean) => {
    const available = [...columns, ...(withAbsent ? absent : [])];
    const cols = [...available, ...derived];
    const sel = [
      ...available.map((c) => `s.${q(c)}`),
      ...derived.map((c) => derivedSelect(wh, table, c, available)),
    ];
    await wh.run(
      `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) SELECT ${sel.join(', ')} FROM ${from} s`,
    );
  };
  if (Number(existing) === 0) {
    await insertFrom(src, false);
    return { inserted: Number(total), updated: 0, unchanged: 0 };
  }
  const nonKey = columns.filter((c) => !keys.includes(c));
  const differs = nonKey.length
    ? nonKey.map((c) => `s.${q(c)} IS DISTINCT FROM t.${q(c)}`).join(' OR ')
    : 'false';
  // One join classifies the source rows: new keys, and changed rows with the stored values of the
  // columns the file lacks (NULL for new keys); unchanged rows drop out.
  await wh.exec('DROP TABLE IF EXISTS _fupan_cls');
  await wh.exec(
    `CREATE TEMP TABLE _fupan_cls AS SELECT s.*${absent.map((c) => `, t.${q(c)}`).join('')}, t.${q(keys[0])} IS NULL AS _new
     FROM ${src} s LEFT JOIN ${q(table)} t ON ${on} WHERE t.${q(keys[0])} IS NULL OR ${differs}`,
  );
  const [{ ins, upd }] = await wh.query(
    'SELECT count(*) FILTER (WHERE _new) AS ins, count(*) FILTER (WHERE NOT _new) AS upd FROM _fupan_cls',
  );
  if (Number(upd) > 0) {
    const keyList = keys.map(q).join(', ');
    const match = keys.length === 1 ? q(keys[0]) : `(${keyList})`;
    await wh.run(
      `DELETE FROM ${q(table)} WHERE ${match} IN (SELECT ${keyList} FROM _fupan_cls WHERE NOT _new)`,
    );
  }
  if (Number(ins) + Number(upd) > 0) await insertFrom('_fupan_cls', true);
  await wh.exec('DROP TABLE IF EXISTS _fupan_cls');
  return {
    inserted: Number(ins),
    updated: Number(upd),
    unchanged: Number(total) - Number(ins) - Number(upd),
  };
}
