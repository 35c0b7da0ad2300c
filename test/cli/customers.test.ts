import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { openCustomerShop } from '../analyses/customer-shop.js';
import { runFupan } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

// The scripting contract of `fupan customers …` (issue 3), run as a real process.
const dir = tempDir();
const shop = join(dir, 'shop.duckdb');
const cdnow = join(dir, 'cdnow.duckdb');
const sample = join(process.cwd(), '../shared/data/cdnow/CDNOW_sample.txt');

function fupan(...args: string[]) {
  return runFupan(dir, args);
}

beforeAll(async () => {
  (await openCustomerShop(shop)).close();
  if (existsSync(sample)) {
    const wh = await Warehouse.open(cdnow, { allowedDirs: [dirname(sample)] });
    await importFiles(wh, [sample], { mapping: 'cdnow' });
    wh.close();
  }
});

describe('fupan customers', () => {
  it('rfm --as-of --format json includes segments of {segment, customers, gmv} (hand-computed, rfm.test.ts)', () => {
    const r = fupan('customers', 'rfm', '--db', shop, '--as-of', '2026-05-01', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.segments.find((s: { segment: string }) => s.segment === 'loyal')).toMatchObject({
      segment: 'loyal',
      customers: 4,
      gmv: 1790,
    });
    expect(json.migration.fromDay).toBe('2026-04-01');
  });

  it('cohorts --format json includes cohorts of {cohort, size, retention}; global --db works too', () => {
    const r = fupan('--db', shop, 'customers', 'cohorts', '--as-of', '2026-04-30', '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.cohorts.find((c: { cohort: string }) => c.cohort === '2026-02')).toMatchObject({
      cohort: '2026-02',
      size: 2,
      retention: [1, 0.5, 0.5],
    });
    expect(json.secondPurchase.cohorts).toHaveLength(6);
  });

  it('export writes a recall list CSV (BOM, header, highest GMV first); bad input exits 1', () => {
    const out = join(dir, 'loyal.csv');
    const r = fupan(
      'customers',
      'export',
      '--db',
      shop,
      '--segment',
      'loyal',
      '--as-of',
      '2026-05-01',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFcustomer_id,state,segment,r,f,m,last_paid_date,recency_days,orders,gmv');
    expect(lines[1]).toBe('c4,high,loyal,3,5,5,2026-04-01,30,4,900');
    expect(lines.filter(Boolean)).toHaveLength(5);
    expect(fupan('customers', 'export', '--db', shop, '--segment', 'vip').code).toBe(1);
    expect(fupan('customers', 'rfm', '--db', shop, '--as-of', '2026-13-01').code).toBe(1);
  });

  it.skipIf(!existsSync(sample))(
    'clv --calibration-end 1997-09-30 --format json prints bgnbd {r, alpha, a, b} and gammagamma {p, q, gamma}',
    () => {
      const r = fupan(
        'customers',
        'clv',
        '--db',
        cdnow,
        '--calibration-end',
        '1997-09-30',
        '--format',
        'json',
      );
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.bgnbd.r).toBeCloseTo(0.243, 3);
      expect(json.bgnbd.alpha).toBeCloseTo(4.414, 3);
      expect(json.bgnbd.a).toBeCloseTo(0.793, 3);
      expect(json.bgnbd.b).toBeCloseTo(2.426, 3);
      expect(json.gammagamma.p).toBeCloseTo(6.25, 2);
      expect(json.gammagamma.q).toBeCloseTo(3.74, 2);
      expect(json.gammagamma.gamma).toBeCloseTo(15.44, 2);
      // the holdout defaults to the last paid day (1998-06-30): 39 weeks
      expect(json.holdout.length).toBe(39);
      expect(Math.abs(json.holdout.cumulativeError)).toBeLessThan(0.05);
    },
  );
});
