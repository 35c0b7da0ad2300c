import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from '../../src/demo/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

/** The demo shop's planted month and its previous month, as the tests of issue 4 use them. */
export const PLANTED = { endMonth: '2026-10', previousMonth: '2026-09', months: 4, scale: 0.5, seed: 42 };

export interface PlantedShop {
  dir: string;
  dbPath: string;
  wh: Warehouse;
  // biome-ignore lint/suspicious/noExplicitAny: ground-truth.json is documented in docs/demo.md
  truth: any;
}

/**
 * A small demo shop (4 months, scale 0.5, seed 42, planted month 2026-10) generated and imported
 * through fupan's own ingest (`importFiles`), with its ground-truth.json.
 */
export async function plantedShop(): Promise<PlantedShop> {
  const dir = tempDir('fupan-planted-');
  const demo = generateDemo({
    outDir: join(dir, 'files'),
    months: PLANTED.months,
    endMonth: PLANTED.endMonth,
    scale: PLANTED.scale,
    seed: PLANTED.seed,
  });
  const dbPath = join(dir, 'shop.duckdb');
  const wh = await Warehouse.open(dbPath, { allowedDirs: [join(dir, 'files')], timeZone: 'Asia/Shanghai' });
  await importFiles(wh, Object.values(demo.files));
  const truth = JSON.parse(readFileSync(demo.groundTruthPath, 'utf8'));
  return { dir, dbPath, wh, truth };
}
