import { describe, expect, it } from 'vitest';
import { cohortAnalysis } from '../../src/analyses/cohorts/index.js';
import { rfmAnalysis } from '../../src/analyses/rfm/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { serveFixture } from './helpers/serve-fixture.js';

const fx = serveFixture();
const get = (path: string) => fetch(`${fx.server.url}${path}`);

// The fixture shop (test/fixtures/shop): paid orders from 2025-10-10; October 2026 is the last complete month.
describe('GET /api/customers/cohorts and /api/customers/rfm', () => {
  it('answers the same numbers as the analyses (and the report) for the month', async () => {
    const cohorts = await (await get('/api/customers/cohorts?month=2026-10&months=12&offsets=6')).json();
    const rfm = await (await get('/api/customers/rfm?month=2026-10')).json();
    const wh = await Warehouse.open(fx.copyPath, { readOnly: true });
    try {
      const a = await cohortAnalysis(wh, {
        from: '2025-11-01',
        to: '2026-10-31',
        asOf: '2026-10-31',
        maxOffset: 6,
      });
      expect(cohorts.month).toBe('2026-10');
      expect(cohorts.cohorts).toEqual(
        a.cohorts.map((c) => ({ cohort: c.cohort, size: c.size, active: c.active, retention: c.retention })),
      );
      expect(cohorts.cohorts.length).toBeGreaterThan(0);
      const r = await rfmAnalysis(wh, { asOf: '2026-11-01' });
      expect(rfm.asOf).toBe('2026-11-01');
      expect(rfm.segments).toEqual(r.segments);
      expect(rfm.customers).toBe(r.customers);
    } finally {
      wh.close();
    }
  });

  it('defaults to the last complete month', async () => {
    const body = await (await get('/api/customers/rfm')).json();
    expect(body.month).toBe('2026-10');
  });

  it('refuses unknown and malformed parameters with 400', async () => {
    for (const q of [
      'cohorts?month=2026-13',
      'cohorts?offsets=0',
      'cohorts?months=x',
      'rfm?asof=1',
      'rfm?month=26-10',
    ]) {
      const res = await get(`/api/customers/${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.code).toBe('USAGE');
    }
  });
});
