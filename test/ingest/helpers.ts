import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/warehouse.js';

/** A warehouse file in `dir` that may read `dir` (where the tests write their source files). */
export async function openIn(dir: string, name = 'w.duckdb'): Promise<Warehouse> {
  return Warehouse.open(join(dir, name), { timeZone: 'Asia/Shanghai', allowedDirs: [dir] });
}

export function write(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function count(wh: Warehouse, table: string): Promise<number> {
  const [r] = await wh.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.n);
}
