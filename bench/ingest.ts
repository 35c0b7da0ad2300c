/**
 * Ingest throughput on the demo shop's CSV exports (what issue 2's import target measures), per
 * table: DuckDB's own read_csv into a table with the declared canonical schema (the baseline) against
 * importFiles, each on a fresh database file, alternating; medians of `--runs`. `--validating` also
 * times the validating path (the fast path turned off). Then re-imports: identical content (skipped
 * by hash) and forced (every row compared, unchanged).
 *
 *   npx tsx bench/ingest.ts [--scale 1] [--runs 3] [--validating]
 *
 * Scale 1 ≈ 270 k order lines; 40 ≈ 10 M.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/index.js';
import { fastPath } from '../src/ingest/fast-load.js';
import { importFiles } from '../src/ingest/index.js';
import { TABLES, type TableName } from '../src/schema/tables.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SCALE = arg('--scale', 1);
const RUNS = arg('--runs', 3);
const VALIDATING = process.argv.includes('--validating');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'fupan-bench-ingest-'));

type Mode = 'baseline' | 'fupan' | 'validating';
const times: Record<Mode, Record<string, number[]>> = { baseline: {}, fupan: {}, validating: {} };
const paths: Record<string, string> = {};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** One load of every file on a fresh database; returns the warehouse when `keep`. */
async function load(mode: Mode, run: number, files: Record<TableName, string>, keep: boolean) {
  const path = join(dir, `${mode}-${run}.duckdb`);
  const wh = await Warehouse.open(path, { allowedDirs: [dir] });
  fastPath.enabled = mode !== 'validating';
  try {
    for (const [table, file] of Object.entries(files) as Array<[TableName, string]>) {
      let s: number;
      if (mode === 'baseline') {
        const cols = TABLES[table].columns.filter((c) => !c.derived);
        const types = cols.map((c) => `'${c.name}': '${wh.dialect.columnType(c.type)}'`).join(', ');
        s = await timed(() =>
          wh.exec(
            `CREATE TABLE b_${table} AS SELECT * FROM read_csv('${file}', header = true, columns = {${types}})`,
          ),
        );
      } else {
        let r: Awaited<ReturnType<typeof importFiles>> = [];
        s = await timed(async () => {
          r = await importFiles(wh, [file]);
        });
        if (mode === 'fupan') paths[table] = r[0].loadPath ?? '';
      }
      times[mode][table] = [...(times[mode][table] ?? []), s];
    }
  } finally {
    fastPath.enabled = true;
  }
  if (keep) return wh;
  wh.close();
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  return undefined;
}

try {
  const demo = generateDemo({ outDir: join(dir, 'data'), endMonth: '2026-10', scale: SCALE, seed: 42 });
  const files = demo.files;
  const tables = Object.keys(files) as TableName[];
  const rows = demo.counts;
  const allRows = tables.reduce((n, t) => n + rows[t], 0);
  console.log(
    `demo scale ${SCALE}: ${rows.order_lines.toLocaleString('en-US')} order lines, ${allRows.toLocaleString('en-US')} rows in ${tables.length} CSV files`,
  );
  let last: Warehouse | undefined;
  for (let run = 0; run < RUNS; run++) {
    await load('baseline', run, files, false);
    last?.close();
    last = await load('fupan', run, files, run === RUNS - 1);
    if (VALIDATING) await load('validating', run, files, false);
  }
  const total = (mode: Mode) => tables.reduce((s, t) => s + median(times[mode][t]), 0);
  const pad = (s: string, n: number) => s.padStart(n);
  console.log(
    `\n${'table'.padEnd(16)}${pad('rows', 11)}${pad('read_csv s', 12)}${pad('fupan s', 10)}${pad('ratio', 8)}${pad('fupan rows/s', 14)}  path${VALIDATING ? '        validating s' : ''}`,
  );
  for (const t of tables) {
    const b = median(times.baseline[t]);
    const f = median(times.fupan[t]);
    const v = VALIDATING ? pad(median(times.validating[t]).toFixed(2), 12) : '';
    console.log(
      `${t.padEnd(16)}${pad(rows[t].toLocaleString('en-US'), 11)}${pad(b.toFixed(2), 12)}${pad(f.toFixed(2), 10)}${pad((f / b).toFixed(2), 8)}${pad(Math.round(rows[t] / f).toLocaleString('en-US'), 14)}  ${paths[t].padEnd(10)}${v}`,
    );
  }
  const tb = total('baseline');
  const tf = total('fupan');
  console.log(
    `${'all files'.padEnd(16)}${pad(allRows.toLocaleString('en-US'), 11)}${pad(tb.toFixed(2), 12)}${pad(tf.toFixed(2), 10)}${pad((tf / tb).toFixed(2), 8)}${pad(Math.round(allRows / tf).toLocaleString('en-US'), 14)}` +
      (VALIDATING ? `            ${total('validating').toFixed(2)}` : ''),
  );
  console.log(`import time / read_csv time: ${(tf / tb).toFixed(2)} (issue 2 target ≤ 2)`);
  if (last) {
    const wh = last;
    const again = await timed(() => importFiles(wh, Object.values(files)));
    const forced = await timed(() => importFiles(wh, Object.values(files), { force: true }));
    console.log(`re-import, identical content (skipped by hash): ${again.toFixed(2)} s`);
    console.log(`re-import forced (every row compared, unchanged): ${forced.toFixed(2)} s`);
    wh.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
