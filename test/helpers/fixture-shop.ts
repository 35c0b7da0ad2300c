import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importFiles } from '../../src/ingest/index.js';
import { TABLES, type TableName } from '../../src/schema/tables.js';
import { refreshDerived } from '../../src/warehouse/derived.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

/** The hand-computed fixture shop (test/fixtures/shop/README.md describes it). */
export const SHOP_DIR = resolve(import.meta.dirname, '../fixtures/shop');

const LOAD_ORDER: TableName[] = [
  'products',
  'customers',
  'orders',
  'order_lines',
  'traffic_daily',
  'marketing_spend',
  'targets',
];

/**
 * Opens a warehouse (in memory unless a path is given) holding the fixture shop, imported through the
 * ingest module (`importFiles`, the path every user's data takes), derived tables included.
 */
export async function openFixtureShop(path = ':memory:'): Promise<Warehouse> {
  const wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai', allowedDirs: [SHOP_DIR] });
  for (const table of LOAD_ORDER) await importFiles(wh, [join(SHOP_DIR, `${table}.csv`)], { table });
  await refreshDerived(wh);
  return wh;
}

/**
 * The same shop loaded without the ingest module: DuckDB's read_csv (all text, cast by the INSERT;
 * empty key fields become ''). Metric tests compare the two so that ingest and metric semantics agree.
 */
export async function openFixtureShopRaw(path = ':memory:'): Promise<Warehouse> {
  const wh = await Warehouse.open(path, { timeZone: 'Asia/Shanghai', allowedDirs: [SHOP_DIR] });
  for (const t of LOAD_ORDER) {
    const file = join(SHOP_DIR, `${t}.csv`);
    const header = readFileSync(file, 'utf8').split('\n', 1)[0].split(',');
    const keys = TABLES[t].columns.filter(
      (c) => TABLES[t].key.includes(c.name) && c.type === 'varchar' && header.includes(c.name),
    );
    const replace = keys.length
      ? ` REPLACE (${keys.map((c) => `coalesce("${c.name}", '') AS "${c.name}"`).join(', ')})`
      : '';
    await wh.exec(
      `INSERT INTO ${t} BY NAME SELECT *${replace} FROM read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true)`,
    );
  }
  await refreshDerived(wh);
  return wh;
}
