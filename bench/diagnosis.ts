/**
 * The diagnosis engine at scale (issue 4): `explain gmv` and `explain conversion` — every dimension and
 * pair searched — against one DuckDB scan of the columns they read, measured in the same run. Target:
 * within 5× the scan. Also the report sections of issue 4 — 渠道表现评估 (channel table, funnel, response
 * curves with their bootstrap), 问题诊断 (three explanations) and 异常监测 (anomalies) — loaded as the
 * report loads them, reported against the same scan (no target: the report as a whole has one).
 *
 *   npx tsx bench/diagnosis.ts <shop.duckdb> [YYYY-MM]   # on its own, on an existing database
 */
import { anomalies } from '../src/analyses/anomalies/index.js';
import { explain } from '../src/analyses/explain/index.js';
import { marginalRoi } from '../src/analyses/response-curve/index.js';
import { loadChannelSection } from '../src/report/sections/channels.js';
import { loadDiagnosis } from '../src/report/sections/diagnosis.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { report, time } from './lib.js';

export type BenchLine = { name: string; ratio: number; ok: boolean | null };

/** One scan of every column the explanations read, over whole tables. */
async function scanNeededColumns(wh: Warehouse): Promise<void> {
  await wh.query(`SELECT max(order_id), max(customer_id), max(paid_date), sum(paid_total), max(channel),
                         max(device), max(province), max(city), max(store_id) FROM orders`);
  await wh.query(
    'SELECT max(order_id), max(sku), sum(paid_amount), sum(quantity), sum(unit_price), sum(discount) FROM order_lines',
  );
  await wh.query('SELECT max(sku), max(category), max(subcategory), max(brand) FROM products');
  await wh.query('SELECT max(customer_id), max(member_tier) FROM customers');
  await wh.query('SELECT max(customer_id), max(first_paid_date) FROM customer_facts');
  await wh.query(
    'SELECT sum(visitors), max(date), max(channel), max(device), max(store_id) FROM traffic_daily',
  );
}

export async function benchDiagnosis(dbPath: string, month: string, held = true): Promise<BenchLine[]> {
  const wh = await Warehouse.open(dbPath, { readOnly: true });
  try {
    const scan = await time(() => scanNeededColumns(wh), 5, 1);
    const out: BenchLine[] = [];
    for (const metric of ['gmv', 'conversion']) {
      let queries = 0;
      const t = await time(
        async () => {
          queries = (await explain(wh, { metric, month })).queries;
        },
        3,
        1,
      );
      out.push(
        report(
          `explain ${metric} (${queries} grouped queries)`,
          t.medianS,
          'scan',
          scan.medianS,
          held ? { maxRatio: 5 } : undefined,
        ),
      );
    }
    const sections: Array<[string, () => Promise<unknown>]> = [
      ['section channels (incl. response curves)', () => loadChannelSection(wh, month, 1)],
      ['  response curves + bootstrap', () => marginalRoi(wh, { month })],
      ['section diagnosis (incl. anomalies)', () => loadDiagnosis(wh, month, 1)],
      ['  anomalies', () => anomalies(wh, { month })],
    ];
    for (const [name, fn] of sections) {
      const t = await time(fn, 3, 1);
      out.push(report(name, t.medianS, 'scan', scan.medianS));
    }
    return out;
  } finally {
    wh.close();
  }
}

if (process.argv[1]?.endsWith('diagnosis.ts') && process.argv[2]) {
  const lines = await benchDiagnosis(process.argv[2], process.argv[3] ?? '2026-10');
  for (const l of lines)
    console.log(`  ${l.name.padEnd(44)} ${l.ratio.toFixed(2)} ${l.ok === false ? 'MISSED' : 'ok'}`);
}
