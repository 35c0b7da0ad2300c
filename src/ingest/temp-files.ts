import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { Warehouse } from '../warehouse/warehouse.js';

/** Folders the warehouse may read (its allowed_directories setting), each ending with a separator. */
export async function allowedDirs(wh: Warehouse): Promise<string[]> {
  const rows = await wh.query(`SELECT unnest(current_setting('allowed_directories')) AS d`);
  return rows.map((r) => String(r.d));
}

export function isInside(path: string, dirs: string[]): boolean {
  const p = resolve(path);
  return dirs.some((d) => p.startsWith(d.endsWith(sep) ? d : d + sep));
}

/**
 * A fresh folder for converted files (GBK → UTF-8) that the warehouse may read: under the system
 * temp folder when the warehouse allows it, else under DuckDB's own temp directory (always allowed).
 */
export async function makeTempDir(wh: Warehouse): Promise<string> {
  const dirs = await allowedDirs(wh);
  let base: string;
  if (isInside(join(tmpdir(), 'x'), dirs)) base = tmpdir();
  else {
    const [row] = await wh.query(`SELECT current_setting('temp_directory') AS d`);
    base = resolve(String(row.d));
    mkdirSync(base, { recursive: true });
  }
  return mkdtempSync(join(base, 'fupan-ingest-'));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
