import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalies, scoreDays, seasonalBaseline } from '../../src/analyses/anomalies/index.js';
import { generateDemo } from '../../src/demo/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

describe('seasonal baseline and robust z', () => {
  it('baseline = median of the same weekday in the 4 weeks before (hand-computed)', () => {
    const v: number[] = Array.from({ length: 35 }, (_, i) => (i % 7 === 5 ? 200 : 100));
    v[28] = 130; // a Monday-like day 28: prior same weekdays 0, 7, 14, 21 → all 100
    const b = seasonalBaseline(v);
    expect(b[20]).toBeNull(); // only 2 prior weeks
    expect(b[21]).toBe(100); // days 0, 7, 14
    expect(b[33]).toBe(200); // weekday 5: 5, 12, 19, 26 → all 200
    expect(b[34]).toBe(100);
  });

  it('flags a spike against a noisy history, not the ordinary days', () => {
    // History: a weekly pattern with ±2 % alternating noise; day 60 is 3× its baseline.
    const series = Array.from({ length: 70 }, (_, i) => ({
      date: `d${i}`,
      value: (i % 7 === 6 ? 150 : 100) * (1 + (i % 2 ? 0.02 : -0.02) * ((i % 5) / 4)),
    }));
    series[60].value *= 3;
    const scored = scoreDays(series, 56)!;
    const flagged = scored.filter((d) => Math.abs(d.z) >= 3.5).map((d) => d.date);
    expect(flagged).toEqual(['d60']);
    expect(scored.find((d) => d.date === 'd60')!.change).toBeGreaterThan(1.8);
    expect(scoreDays(series.slice(0, 20), 10)).toBeNull(); // too little history
  });
});

describe('anomalies on the demo shop (双11 2025)', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    const dir = tempDir('fupan-anomalies-');
    const demo = generateDemo({
      outDir: join(dir, 'files'),
      months: 5,
      endMonth: '2025-11',
      scale: 0.5,
      seed: 42,
    });
    wh = await Warehouse.open(join(dir, 'shop.duckdb'), { allowedDirs: [join(dir, 'files')] });
    await importFiles(wh, Object.values(demo.files));
  }, 120_000);
  afterAll(() => wh?.close());

  it('flags 11-11 GMV up, known as 双11, with a likely cause', async () => {
    const r = await anomalies(wh, { month: '2025-11' });
    const peak = r.anomalies.find((a) => a.date === '2025-11-11' && a.metric === 'gmv')!;
    expect(peak.direction).toBe('up');
    expect(peak.known).toBe('双11');
    expect(peak.change).toBeGreaterThan(2); // docs/demo.md: demand ×8 on the 11th
    expect(['spend', 'traffic']).toContain(peak.cause);
  });

  it('an ordinary month has few GMV anomalies; config can name more known days', async () => {
    const r = await anomalies(wh, { month: '2025-09', knownDays: { '2025-09-10': '教师节' } });
    expect(r.anomalies.filter((a) => a.metric === 'gmv').length).toBeLessThanOrEqual(2);
    const z = await anomalies(wh, { month: '2025-09', threshold: 0 });
    expect(z.anomalies.find((a) => a.date === '2025-09-10')!.known).toBeNull();
    const named = await anomalies(wh, {
      month: '2025-09',
      threshold: 0,
      knownDays: { '2025-09-10': '教师节' },
    });
    expect(named.anomalies.find((a) => a.date === '2025-09-10')!.known).toBe('教师节');
  });
});
