import { join, resolve } from 'node:path';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

/** The hand-made customer fixture shop (test/fixtures/customers/README.md). */
export const CUSTOMER_SHOP_DIR = resolve(import.meta.dirname, '../fixtures/customers');

/** A warehouse (in memory unless a path is given) holding the customer fixture shop, imported through ingest. */
export async function openCustomerShop(path = ':memory:'): Promise<Warehouse> {
  const wh = await Warehouse.open(path, {
    timeZone: 'Asia/Shanghai',
    allowedDirs: [CUSTOMER_SHOP_DIR],
  });
  await importFiles(wh, [join(CUSTOMER_SHOP_DIR, 'customers.csv')], { table: 'customers' });
  await importFiles(wh, [join(CUSTOMER_SHOP_DIR, 'orders.csv')], { table: 'orders' });
  return wh;
}
