import { join } from 'node:path';
import { type DemoOptions, type DemoResult, generateDemo } from '../../src/demo/index.js';
import { sourceColumns, TABLES, type TableName } from '../../src/schema/tables.js';
import { refreshDerived } from '../../src/warehouse/derived.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

export interface LoadedShop {
  demo: DemoResult;
  wh: Warehouse;
}

/**
 * Generates a demo shop into `dir` and loads its CSV files with DuckDB's own read_csv (declared
 * types, no fupan ingest involved) into the canonical tables, then refreshes the derived data. The
 * tests read the generator's output through this independent path.
 */
export async function generateAndLoad(dir: string, opts: Omit<DemoOptions, 'outDir'>): Promise<LoadedShop> {
  const demo = generateDemo({ ...opts, outDir: join(dir, 'files') });
  const wh = await Warehouse.open(join(dir, 'shop.duckdb'), {
    allowedDirs: [join(dir, 'files')],
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  for (const table of Object.keys(demo.files) as TableName[]) {
    const cols = sourceColumns(table);
    const spec = cols.map((c) => `'${c.name}': '${wh.dialect.columnType(c.type)}'`).join(', ');
    const select = cols
      .map((c) =>
        TABLES[table].key.includes(c.name) && c.type === 'varchar'
          ? `coalesce("${c.name}", '')`
          : `"${c.name}"`,
      )
      .join(', ');
    const path = demo.files[table].replaceAll("'", "''");
    await wh.exec(
      `INSERT INTO ${table} (${cols.map((c) => `"${c.name}"`).join(', ')})
       SELECT ${select} FROM read_csv('${path}', header = true, auto_detect = false, columns = {${spec}})`,
    );
  }
  await refreshDerived(wh);
  return { demo, wh };
}
