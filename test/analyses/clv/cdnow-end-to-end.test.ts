import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClvResult,
  clvColumns,
  customerLifetimeValue,
  spendRows,
  summaryRows,
} from '../../../src/analyses/clv/index.js';
import { importFiles } from '../../../src/ingest/index.js';
import { Warehouse } from '../../../src/warehouse/warehouse.js';
import { CDNOW_SUMMARY_FILE } from '../../fixtures/cdnow/summary.js';
import { tempDir } from '../../helpers/tmp.js';

// The raw CDNOW sample from the team's reference data beside the repository (data/README.md).
const sample = join(process.cwd(), '../shared/data/cdnow/CDNOW_sample.txt');
const summaryFile = CDNOW_SUMMARY_FILE;
const published = (got: number, value: number, decimals: number) =>
  expect(Math.abs(got - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);

describe.skipIf(!existsSync(sample))(
  'CLV end to end: CDNOW_sample.txt imported, summarised and fitted by fupan',
  () => {
    let wh: Warehouse;
    let result: ClvResult;
    let ms = 0;
    const window = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };

    beforeAll(async () => {
      wh = await Warehouse.open(join(tempDir(), 'cdnow.duckdb'), { allowedDirs: [dirname(sample)] });
      await importFiles(wh, [sample], { mapping: 'cdnow' });
      const t0 = performance.now();
      result = await customerLifetimeValue(wh, { ...window, paretoNbd: true });
      ms = performance.now() - t0;
    });
    afterAll(() => wh?.close());

    it('summarises the transactions into the published calibration summary (x, t_x, T in weeks)', async () => {
      const key = (x: number, tx: number, T: number) => `${x}|${tx.toFixed(2)}|${T.toFixed(2)}`;
      const want = new Map<string, number>();
      for (const line of readFileSync(summaryFile, 'utf8').trim().split('\n').slice(1)) {
        const [, x, tx, T] = line.split(',').map(Number);
        const k = key(x, tx, T);
        want.set(k, (want.get(k) ?? 0) + 1);
      }
      const got = new Map<string, number>();
      for (const r of await summaryRows(wh, window)) {
        const k = key(r.x, r.txDays / 7, r.TDays / 7);
        got.set(k, (got.get(k) ?? 0) + r.n);
      }
      expect(got).toEqual(want);
      // Σ x = 2,457 repeat purchases in the calibration period; 946 customers with x > 0
      const spend = await spendRows(wh, window);
      expect(spend.reduce((s, r) => s + r.n, 0)).toBe(946);
    });

    it('gives the same summary as typed columns from one query (clvColumns, what the fit reads)', async () => {
      const rows = await summaryRows(wh, window);
      const spend = await spendRows(wh, window);
      const c = await clvColumns(wh, window);
      expect(c.summary.n.length).toBe(rows.length);
      rows.forEach((r, i) => {
        expect([c.summary.x[i], c.summary.txDays[i], c.summary.TDays[i], c.summary.n[i]]).toEqual([
          r.x,
          r.txDays,
          r.TDays,
          r.n,
        ]);
        expect(c.summary.holdout[i]).toBe(r.holdout);
        expect(c.summary.meanSpendSum[i]).toBeCloseTo(r.meanSpendSum, 9);
      });
      expect(c.spend.n.length).toBe(spend.length);
      spend.forEach((r, i) => {
        expect([c.spend.x[i], c.spend.repeatValue[i], c.spend.n[i]]).toEqual([r.x, r.repeatValue, r.n]);
      });
    });

    it('fits the published BG/NBD, Gamma-Gamma and Pareto/NBD values', () => {
      const { bgnbd, gammagamma, paretonbd } = result;
      published(bgnbd.params.r, 0.243, 3);
      published(bgnbd.params.alpha, 4.414, 3);
      published(bgnbd.params.a, 0.793, 3);
      published(bgnbd.params.b, 2.426, 3);
      published(bgnbd.logLikelihood, -9582.4, 1);
      published(gammagamma.params.p, 6.25, 2);
      published(gammagamma.params.q, 3.74, 2);
      published(gammagamma.params.gamma, 15.44, 2);
      expect(gammagamma.customers).toBe(946);
      published(paretonbd!.params.r, 0.553, 3);
      published(paretonbd!.params.alpha, 10.578, 3);
      published(paretonbd!.params.s, 0.606, 3);
      published(paretonbd!.params.beta, 11.669, 3);
      expect(ms).toBeLessThan(5000);
    });

    it('predicts cumulative repeat purchases at week 78 within 5 % (39-week holdout)', () => {
      const h = result.holdout!;
      expect(h.length).toBe(39);
      expect(h.tracking).toHaveLength(78);
      const week39 = h.tracking[38];
      expect(week39.actual).toBe(2457); // = Σ x of the calibration summary
      const week78 = h.tracking[77];
      expect(week78.actual).toBe(4339); // all repeat purchases of the sample
      expect(Math.abs(h.cumulativeError)).toBeLessThan(0.05);
      expect(h.actual).toBe(week78.actual - week39.actual);
      // by calibration frequency: the buckets add up and the heavy buyers are predicted within 10 %
      expect(h.byFrequency.reduce((s, b) => s + b.customers, 0)).toBe(2357);
      const heavy = h.byFrequency[7];
      expect(Math.abs(heavy.predicted - heavy.actual) / heavy.actual).toBeLessThan(0.1);
    });

    it('forecasts alive customers, purchases and CLV', () => {
      const f = result.forecast;
      expect(f.expectedAlive).toBeGreaterThan(0);
      expect(f.expectedAlive).toBeLessThan(2357);
      expect(f.expectedPurchases).toBeGreaterThan(0);
      expect(f.clvPerCustomer).toBeGreaterThan(0);
      expect(f.clv).toBeCloseTo(f.clvPerCustomer * 2357, 6);
    });
  },
);
