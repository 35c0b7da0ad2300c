/**
 * Customer insight at scale (issue 3): the cohort matrix and the RFM segmentation against one DuckDB
 * scan of the columns they read, measured in the same run; the CLV fit (BG/NBD + Gamma-Gamma from
 * the raw orders) as a child process with its wall time and peak memory.
 */
import { cohortCells } from '../src/analyses/cohorts/index.js';
import { rfmCells } from '../src/analyses/rfm/index.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { loadCustomerInsight } from '../src/report/sections/customers.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { report, runMeasured, time } from './lib.js';

export type BenchLine = { name: string; ratio: number; ok: boolean | null };

export async function benchCustomers(
  dbPath: string,
  cli: string[],
  endMonth: string,
  held = true,
): Promise<BenchLine[]> {
  const target = held ? { maxRatio: 3 } : undefined;
  const out: BenchLine[] = [];
  const wh = await Warehouse.open(dbPath, { readOnly: true });
  let calEnd: string;
  try {
    const [{ n }] = await wh.query('SELECT count(*) AS n FROM customer_facts');
    const [{ last }] = await wh.query('SELECT CAST(max(paid_date) AS VARCHAR) AS last FROM orders');
    calEnd = String(last);
    console.log(`  customers: ${Number(n).toLocaleString('en')}`);
    // The baseline reads, once over whole tables, the canonical columns the two analyses need: orders
    // (customer_id, paid_at, paid_date, paid_total) and customer_facts (customer_id, first_paid_date).
    // They read the derived customer_months instead (kept by every import); that table is not the
    // baseline: scanning it would flatter the ratio.
    const scan = await time(
      async () => {
        await wh.query(
          'SELECT max(customer_id), max(paid_date), sum(paid_total), count(paid_at) FROM orders',
        );
        await wh.query('SELECT max(customer_id), max(first_paid_date) FROM customer_facts');
      },
      5,
      1,
    );
    const cohorts = await time(() => cohortCells(wh), 3, 1);
    out.push(report('cohort matrix (all cohorts × months)', cohorts.medianS, 'scan', scan.medianS, target));
    const rfm = await time(() => rfmCells(wh, `${endMonth}-01`, { kind: 'quintile' }), 3, 1);
    out.push(report('RFM quintiles + segment cells', rfm.medianS, 'scan', scan.medianS, target));
    // The report's customer section: cohorts, second purchase, RFM with migration, tiers, repurchase.
    const section = await time(() => loadCustomerInsight(wh, endMonth, DEFAULT_CONFIG.thresholds), 3, 1);
    out.push(report('report customer section (month)', section.medianS, 'scan', scan.medianS));
  } finally {
    wh.close();
  }
  const clv = runMeasured('node', [
    ...cli,
    'customers',
    'clv',
    '--db',
    dbPath,
    '--calibration-end',
    calEnd,
    '--format',
    'json',
  ]);
  if (clv.status !== 0) throw new Error(`fupan customers clv failed: ${clv.stderr}`);
  const fit = JSON.parse(clv.stdout) as { bgnbd: { groups: number; customers: number } };
  console.log(
    `  CLV fit (fupan customers clv, ${fit.bgnbd.customers.toLocaleString('en')} customers in ` +
      `${fit.bgnbd.groups.toLocaleString('en')} distinct histories): ${clv.wallS.toFixed(2)} s, peak RSS ${clv.peakRssMiB.toFixed(0)} MiB`,
  );
  out.push({ name: 'CLV fit wall time / 30 s', ratio: clv.wallS / 30, ok: clv.wallS < 30 });
  out.push({ name: 'CLV fit peak RSS / 1 GiB', ratio: clv.peakRssMiB / 1024, ok: clv.peakRssMiB < 1024 });
  return out;
}
