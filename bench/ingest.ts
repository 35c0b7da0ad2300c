/**
 * Ingest throughput: an order_lines CSV of N rows (default 2,000,000; `--rows N`) imported with
 * importFiles into a fresh database file, against DuckDB's own read_csv into a table with a declared
 * schema (same file, fresh database file, committed) measured in the same run.
 *
 *   npx tsx bench/ingest.ts [--rows 2000000] [--runs 3]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/ingest/index.js';
import { Warehouse } from '../src/warehouse/warehouse.js';

const rowsArg = process.argv.indexOf('--rows');
const N = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 2_000_000;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
let againS = 0;
let forceS = 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'fupan-bench-ingest-'));
const csv = join(dir, 'order_lines.csv');

async function fresh(name: string): Promise<Warehouse> {
  return Warehouse.open(join(dir, name), { allowedDirs: [dir] });
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

try {
  {
    const wh = await fresh('gen.duckdb');
    // 2 lines per order; money with cents; quantities 1-3
    await wh.exec(
      `COPY (SELECT 'O' || (i // 2) AS order_id, 1 + i % 2 AS line_no,
                    'SKU' || lpad(CAST((i * 7919) % 20000 AS VARCHAR), 5, '0') AS sku, 1 + i % 3 AS quantity,
                    CAST(9.90 + (i % 1000) / 10.0 AS DECIMAL(18,2)) AS unit_price,
                    CAST((i % 7) AS DECIMAL(18,2)) AS discount,
                    CAST(9.90 + (i % 1000) / 10.0 AS DECIMAL(18,2)) * (1 + i % 3) - (i % 7) AS paid_amount
             FROM range(${N}) t(i)) TO '${csv}' (HEADER)`,
    );
    wh.close();
  }
  const mb = statSync(csv).size / 2 ** 20;

  // Baseline and fupan alternate, each on a fresh database file; medians of `--runs` (default 3).
  const baseS: number[] = [];
  const fupanS: number[] = [];
  let result: Awaited<ReturnType<typeof importFiles>> = [];
  for (let run = 0; run < RUNS; run++) {
    const baseline = await fresh(`baseline-${run}.duckdb`);
    baseS.push(
      await seconds(async () => {
        await baseline.exec(`CREATE TABLE order_lines_typed (order_id VARCHAR, line_no INTEGER, sku VARCHAR,
          quantity INTEGER, unit_price DECIMAL(18,2), discount DECIMAL(18,2), paid_amount DECIMAL(18,2))`);
        await baseline.transaction(() =>
          baseline.exec(`INSERT INTO order_lines_typed SELECT * FROM read_csv('${csv}', header = true, columns = {
            'order_id': 'VARCHAR', 'line_no': 'INTEGER', 'sku': 'VARCHAR', 'quantity': 'INTEGER',
            'unit_price': 'DECIMAL(18,2)', 'discount': 'DECIMAL(18,2)', 'paid_amount': 'DECIMAL(18,2)'})`),
        );
      }),
    );
    baseline.close();
    rmSync(join(dir, `baseline-${run}.duckdb`), { force: true });
    const wh = await fresh(`fupan-${run}.duckdb`);
    fupanS.push(
      await seconds(async () => {
        result = await importFiles(wh, [csv], { table: 'order_lines' });
      }),
    );
    if (run < RUNS - 1) {
      wh.close();
      rmSync(join(dir, `fupan-${run}.duckdb`), { force: true });
      continue;
    }
    againS = await seconds(() => importFiles(wh, [csv], { table: 'order_lines' }));
    forceS = await seconds(() => importFiles(wh, [csv], { table: 'order_lines', force: true }));
    wh.close();
  }
  const tBase = median(baseS);
  const tFupan = median(fupanS);
  const tAgain = againS;
  const tForce = forceS;

  const r = result[0];
  const rate = (s: number) => `${(N / s / 1e6).toFixed(2)} M rows/s`;
  console.log(`file: ${N.toLocaleString('en-US')} order lines, ${mb.toFixed(0)} MiB CSV`);
  console.log(
    `runs (s): baseline ${baseS.map((x) => x.toFixed(2)).join(' ')}; fupan ${fupanS.map((x) => x.toFixed(2)).join(' ')}`,
  );
  console.log(`baseline DuckDB read_csv → typed table: ${tBase.toFixed(2)} s (${rate(tBase)})`);
  console.log(
    `fupan importFiles (hash, stage, validate, upsert, ledger): ${tFupan.toFixed(2)} s (${rate(tFupan)}), ` +
      `ratio to baseline speed ${(tBase / tFupan).toFixed(2)} (target ≥ 0.5); inserted ${r.inserted}`,
  );
  console.log(`re-import, identical content (skipped by hash): ${tAgain.toFixed(2)} s`);
  console.log(`re-import forced (all rows compared, unchanged): ${tForce.toFixed(2)} s (${rate(tForce)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
