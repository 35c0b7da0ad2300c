import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/analyses/explain/index.js';
import { compositionLeads, findingsFromExplanation } from '../../src/findings/index.js';
import { monthPeriod, query } from '../../src/metrics/index.js';
import { PLANTED, type PlantedShop, plantedShop } from './planted-shop.js';

// Expected values come from the demo's ground-truth.json (planted and realised, docs/demo.md).
let shop: PlantedShop;
beforeAll(async () => {
  shop = await plantedShop();
}, 120_000);
afterAll(() => shop?.wh.close());

const sumInOrder = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const fen = (yuan: number) => Math.round(yuan * 100);

describe('explain conversion on the planted month', () => {
  it('names 信息流广告, its share shift, and puts most of the drop on mix', async () => {
    const r = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth });
    const real = shop.truth.planted.realised;
    expect(r.previous).toBeCloseTo(real.previous.conversion, 6);
    expect(r.current).toBeCloseTo(real.planted.conversion, 6);
    expect(r.change).toBeLessThan(-0.012); // ≈ 2 pp drop
    expect(r.dimension).toBe('channel');
    const top = r.causes[0];
    expect(top.value).toBe('信息流广告');
    expect(top.share![0]).toBeCloseTo(real.changes.feedVisitorShare[0], 6);
    expect(top.share![1]).toBeCloseTo(real.changes.feedVisitorShare[1], 6);
    expect(top.share![0]).toBeGreaterThan(0.12);
    expect(top.share![0]).toBeLessThan(0.19);
    expect(top.share![1]).toBeGreaterThan(0.24);
    expect(top.share![1]).toBeLessThan(0.31);
    // The channel split's totals are those of ground truth's conversionSplit (same midpoint formula).
    const split = real.changes.conversionSplit;
    // ground-truth.json rounds to 6 decimals (and overlap is a difference of rounded values).
    expect(r.mix).toBeCloseTo(split.mixTotal, 5);
    expect(r.rate).toBeCloseTo(split.rateTotal, 5);
    expect(r.overlap).toBeCloseTo(split.overlap, 5);
    expect(r.mix! / r.change!).toBeGreaterThan(0.5);
    expect(r.drivers[0].values).toEqual({ channel: '信息流广告' });
  });

  it('causes add up to the change exactly, in any order', async () => {
    const r = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth });
    const totals = r.causes.map((c) => c.total);
    expect(sumInOrder(totals)).toBe(r.change);
    expect(sumInOrder([...totals].reverse())).toBe(r.change);
    expect(r.current! - r.previous!).toBe(r.change);
    for (const c of r.causes) expect(c.mix + c.rate).toBe(c.total);
    expect(r.search.map((s) => s.dimension)).toContain('channel × device');
  });
});

describe('explain gmv on the planted month', () => {
  it('splits the change into traffic, conversion and 客单价 to the cent', async () => {
    const r = await explain(shop.wh, { metric: 'gmv', month: PLANTED.endMonth });
    const real = shop.truth.planted.realised;
    expect(r.previous).toBe(real.previous.gmv);
    expect(r.current).toBe(real.planted.gmv);
    const f = r.factors!;
    expect(fen(f.visitors) + fen(f.conversion) + fen(f.atv)).toBe(
      fen(real.planted.gmv) - fen(real.previous.gmv),
    );
    expect(fen(r.change!)).toBe(fen(real.planted.gmv) - fen(real.previous.gmv));
    expect(f.visitors).toBeGreaterThan(0); // traffic rose (信息流广告 budget ×2.6)
    expect(f.conversion).toBeLessThan(0);
    expect(f.atv).toBeLessThan(0);
    const o = r.orderFactors!;
    expect(fen(o.orders) + fen(o.aov)).toBe(fen(r.change!));
    expect(sumInOrder(r.causes.map((c) => fen(c.total)))).toBe(fen(r.change!));
  });
});

describe('explain 客单价', () => {
  it('shows cheap items gaining share of sales (price band composition)', async () => {
    const r = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth });
    const real = shop.truth.planted.realised;
    expect(r.relativeChange!).toBeCloseTo(real.changes.atvChange, 6);
    const band = r.composition.find((s) => s.dimension === 'price_band')!;
    const cheap = band.causes.find((c) => c.value === 'under_100')!;
    expect(cheap.share![0]).toBeCloseTo(real.changes.cheapBandGmvShare[0], 6);
    expect(cheap.share![1]).toBeCloseTo(real.changes.cheapBandGmvShare[1], 6);
    expect(cheap.mix).toBeGreaterThan(0);
    expect(r.search.some((s) => s.dimensions.includes('price_band'))).toBe(false); // buyers overlap across bands
  });

  it('the planted cause is worded first: the price mix leads, the buyer-group split follows', async () => {
    // The search ranks splits of buyers (channel, new/returning, tiers): a basket spans price bands, so
    // the price band cannot split 客单价 = GMV ÷ buyers and is not among them. The planted cause (items
    // under ¥100 gaining share of sales) is the composition, which therefore leads the story.
    const r = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth });
    expect(compositionLeads(r)).toBe(true);
    const kinds = findingsFromExplanation(r).map((f) => f.kind);
    expect(kinds.slice(0, 2)).toEqual(['metric_change', 'composition_shift']);
    expect(findingsFromExplanation(r)[1].values).toEqual({ price_band: 'under_100' });
  });

  it('composition splits roll up from one line query and equal direct queries, to the fen', async () => {
    const r = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth });
    expect(r.composition.map((s) => s.dimension).sort()).toEqual(
      ['brand', 'category', 'price_band', 'sku', 'subcategory'].sort(),
    );
    for (const s of r.composition) {
      const { rows } = await query(shop.wh, {
        metrics: ['gmv'],
        dimensions: s.dimensions,
        period: monthPeriod(PLANTED.endMonth),
        compare: ['mom'],
      });
      for (const c of s.causes) {
        const row = rows.find((x) => String(x[s.dimension] ?? '') === c.value)!;
        expect(fen(c.total), `${s.dimension} = ${c.value}`).toBe(
          fen(Number(row.gmv)) - fen(Number(row.gmv_mom_base)),
        );
      }
    }
  });

  it('a memo shared by the report’s three explanations: what GMV ran, and results with more metrics, answer the others', async () => {
    const memo = new Map();
    await explain(shop.wh, { metric: 'gmv', month: PLANTED.endMonth, memo });
    const without = ({ queries, ...rest }: { queries: number }) => rest;
    // 客单价: its totals (gmv, buyers) and GMV's totals from GMV's totals (gmv, visitors, buyers,
    // orders); GMV by line dimensions is GMV's own line query
    const alone = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth });
    const shared = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth, memo });
    expect(shared.queries).toBe(alone.queries - 3);
    expect(without(shared)).toEqual(without(alone));
    // conversion: its totals (buyers, visitors) from GMV's
    const convAlone = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth });
    const convShared = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth, memo });
    expect(convShared.queries).toBe(convAlone.queries - 1);
    expect(without(convShared)).toEqual(without(convAlone));
  });
});

describe('splits share statements by grouping sets', () => {
  it('客单价 runs 5 grouped queries: totals, all single splits, all pairs, GMV totals and GMV by line dimensions', async () => {
    const r = await explain(shop.wh, { metric: 'atv', month: PLANTED.endMonth });
    expect(r.search.filter((s) => s.dimensions.length === 1).length).toBeGreaterThan(1);
    expect(r.search.filter((s) => s.dimensions.length === 2).length).toBeGreaterThan(1);
    expect(r.queries).toBe(5);
  });

  it('conversion (visitors and buyers come from two sources) runs its single splits as one grouped query too', async () => {
    const r = await explain(shop.wh, { metric: 'conversion', month: PLANTED.endMonth, pairs: false });
    expect(r.search.length).toBeGreaterThan(1);
    expect(r.queries).toBe(2); // totals, then every single split
    // each split as its own query gives the same causes
    for (const s of r.search) {
      const [dim] = s.dimensions;
      const rows = (
        await query(shop.wh, {
          metrics: ['buyers', 'visitors'],
          dimensions: [dim],
          period: monthPeriod(PLANTED.endMonth),
          compare: ['mom'],
        })
      ).rows;
      const rate = (b: unknown, v: unknown) => (Number(v) > 0 ? Number(b) / Number(v) : null);
      const values = s.causes.filter((x) => x.kind === 'value');
      expect(values.length).toBeGreaterThan(0);
      for (const c of values) {
        const row = rows.find((x) => String(x[dim] ?? '') === c.value)!;
        const want = [rate(row.buyers_mom_base, row.visitors_mom_base), rate(row.buyers, row.visitors)];
        for (const [i, w] of want.entries()) {
          if (w === null) expect(c.own?.[i], `${dim} = ${c.value}`).toBeNull();
          else expect(c.own?.[i], `${dim} = ${c.value}`).toBeCloseTo(w, 9);
        }
      }
    }
  });
});

describe('comparison periods', () => {
  it('--vs a month that is neither previous nor yoy runs two statements per split', async () => {
    const r = await explain(shop.wh, {
      metric: 'conversion',
      month: PLANTED.endMonth,
      vs: '2026-08',
      pairs: false,
    });
    const aug = await query(shop.wh, { metrics: ['buyers', 'visitors'], period: monthPeriod('2026-08') });
    expect(r.period.previous).toEqual(monthPeriod('2026-08'));
    expect(r.previous).toBeCloseTo(Number(aug.rows[0].buyers) / Number(aug.rows[0].visitors), 12);
    expect(sumInOrder(r.causes.map((c) => c.total))).toBe(r.change);
  });

  it('refuses an unknown metric or a bad --vs', async () => {
    await expect(explain(shop.wh, { metric: 'nope', month: PLANTED.endMonth })).rejects.toThrow(
      /cannot explain/,
    );
    await expect(explain(shop.wh, { metric: 'gmv', month: PLANTED.endMonth, vs: 'last' })).rejects.toThrow(
      /--vs/,
    );
  });
});

describe('additive metrics roll splits up from a few grouped queries', () => {
  it('every split of explain gmv equals a direct query by its dimensions, to the fen', async () => {
    const r = await explain(shop.wh, { metric: 'gmv', month: PLANTED.endMonth });
    expect(r.search.some((s) => s.dimensions.length === 2)).toBe(true);
    for (const s of r.search) {
      const { rows } = await query(shop.wh, {
        metrics: ['gmv'],
        dimensions: s.dimensions,
        period: monthPeriod(PLANTED.endMonth),
        compare: ['mom'],
      });
      for (const c of s.causes) {
        const row = rows.find((x) => s.dimensions.every((d) => String(x[d] ?? '') === c.values[d]))!;
        expect(fen(c.total), `${s.dimension} = ${c.value}`).toBe(
          fen(Number(row.gmv)) - fen(Number(row.gmv_mom_base)),
        );
      }
    }
  });
});
