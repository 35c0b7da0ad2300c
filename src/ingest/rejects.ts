import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { RejectedRow } from './types.js';

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes `<name>.rejects.csv` (file, line, column, value, reason; UTF-8 with BOM for Excel). */
export function writeRejects(wh: Warehouse, file: string, rejects: RejectedRow[], dir?: string): string {
  const folder = resolve(dir ?? (wh.path === ':memory:' ? tmpdir() : dirname(wh.path)));
  mkdirSync(folder, { recursive: true });
  const out = join(folder, `${basename(file)}.rejects.csv`);
  const lines = ['file,line,column,value,reason'];
  for (const r of rejects) lines.push([r.file, r.line, r.column, r.value, r.reason].map(csvField).join(','));
  writeFileSync(out, `\uFEFF${lines.join('\n')}\n`);
  return out;
}
