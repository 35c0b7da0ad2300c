import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFupanError } from '../../src/errors.js';
import { DIMENSIONS, METRICS, monthPeriod, planQuery, query } from '../../src/metrics/index.js';
import type { QuerySpec } from '../../src/metrics/types.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { openFixtureShop } from '../helpers/fixture-shop.js';

const OCT = monthPeriod('2026-10');
let wh: Warehouse;
beforeAll(async () => {
  wh = await openFixtureShop();
});
afterAll(() => wh.close());

async function invalid(spec: unknown): Promise<string> {
  try {
    await query(wh, spec as QuerySpec);
  } catch (e) {
    expect(isFupanError(e) && e.code).toBe('QUERY_INVALID');
    return (e as Error).message;
  }
  throw new Error('expected QUERY_INVALID');
}

const ORDER_DIMS = ['store', 'channel', 'device', 'province', 'city', 'customer_type', 'member_tier'];
const ALL_METRICS = Object.keys(METRICS);

describe('every compiled query runs on DuckDB (EXPLAIN and execute)', () => {
  const specs: QuerySpec[] = [
    { metrics: ALL_METRICS, period: OCT, compare: ['mom', 'yoy'] },
    { metrics: ALL_METRICS.map((m) => `${m}_target_completion`), period: OCT },
    ...['day', 'week', 'month', 'quarter', 'year'].map((g) => ({
      metrics: ['gmv', 'buyers', 'new_buyers', 'visitors', 'spend', 'placed_amount', 'units'],
      dimensions: [g],
      period: OCT,
    })),
    ...ORDER_DIMS.map((d) => ({
      metrics: ['gmv', 'orders', 'buyers', 'new_buyers', 'repeat_rate', 'returning_customer_rate', 'units'],
      dimensions: [d, 'month'],
      period: OCT,
      compare: ['mom' as const],
    })),
    ...['category', 'subcategory', 'brand', 'sku'].map((d) => ({
      metrics: [
        'gmv',
        'orders',
        'buyers',
        'atv',
        'refund_rate',
        'return_rate',
        'new_buyer_gmv_share',
        'units',
      ],
      dimensions: [d, 'customer_type'],
      filters: [{ dimension: 'channel', op: 'not_in' as const, values: ['x', 'y'] }],
      period: OCT,
      compare: ['yoy' as const],
    })),
    {
      metrics: ['gmv', 'visitors', 'conversion', 'gmv_target_completion'],
      dimensions: ['channel'],
      filters: [{ dimension: 'month', op: 'eq', values: ['2026-10'] }],
      period: OCT,
      sort: [{ field: 'conversion', desc: true }],
      limit: 3,
    },
  ];
  it.each(specs.map((s, i) => [i, s] as const))('spec %i', async (_i, spec) => {
    for (const s of planQuery(wh, spec).statements) {
      const plan = await wh.query(`EXPLAIN ${s.sql}`, s.params);
      expect(plan.length).toBeGreaterThan(0);
    }
    const res = await query(wh, spec);
    expect(res.rows.length).toBeGreaterThan(0);
  });
});

describe('date grains', () => {
  it('group by the bucket start date and print the label once per output row', () => {
    const [s] = planQuery(wh, {
      metrics: ['gmv', 'visitors', 'spend'],
      dimensions: ['day'],
      period: OCT,
    }).statements;
    // One label for the joined output; the three sources group by the DATE itself (formatting every
    // fact row was the slowest part of a daily series).
    expect(s.sql.match(/strftime\(/g)).toHaveLength(1);
    expect(s.sql.startsWith(`SELECT strftime("day", '%Y-%m-%d') AS "day"`)).toBe(true);
  });

  it('filter by their label: a month filter over two months equals the one-month query', async () => {
    const sepOct = { from: '2026-09-01', to: '2026-10-31' };
    for (const month of ['2026-09', '2026-10']) {
      const spec = { metrics: ['gmv', 'orders', 'visitors', 'spend', 'gmv_target'] };
      const filtered = await query(wh, {
        ...spec,
        dimensions: ['month'],
        filters: [{ dimension: 'month', op: 'eq', values: [month] }],
        period: sepOct,
      });
      const direct = await query(wh, { ...spec, period: monthPeriod(month) });
      expect(filtered.rows).toEqual([{ month, ...direct.rows[0] }]);
    }
  });
});

describe('order lines', () => {
  const spec = (metrics: string[]): QuerySpec => ({
    metrics,
    dimensions: ['sku'],
    period: OCT,
    compare: ['mom', 'yoy'],
  });

  it('without order dimensions: the lines alone, their periods by the order paid date they carry', () => {
    for (const metrics of [
      ['gmv', 'units'],
      ['gmv', 'units', 'orders', 'buyers'],
    ]) {
      const [s] = planQuery(wh, spec(metrics)).statements;
      expect(s.sql.match(/FROM "order_lines" AS l/g)).toHaveLength(3);
      expect(s.sql.match(/l\."order_paid_date" >= /g)).toHaveLength(3);
      expect(s.sql).not.toMatch(/(FROM|JOIN) "orders"/);
    }
  });

  it('with order dimensions summed straight into groups: one join per period, lines bounded by its orders’ id range', () => {
    const bySkuChannel = (metrics: string[]) => ({ ...spec(metrics), dimensions: ['sku', 'channel'] });
    const [s] = planQuery(wh, bySkuChannel(['gmv', 'units'])).statements;
    expect(s.sql.match(/JOIN "order_lines"/g)).toHaveLength(3);
    expect(s.sql.match(/l\."order_id" >= \(SELECT min\(b\."order_id"\)/g)).toHaveLength(3);
    // Rolled up to orders and customers: one join over all periods, no bounds.
    const [r] = planQuery(wh, bySkuChannel(['gmv', 'units', 'orders'])).statements;
    expect(r.sql.match(/JOIN "order_lines"/g)).toHaveLength(1);
    expect(r.sql).not.toContain('min(b.');
    // a file from before the lines carried their order's columns joins orders for sku alone too
    const [old] = planQuery({ dialect: wh.dialect, schemaVersion: 3 }, spec(['gmv', 'units'])).statements;
    expect(old.sql.match(/JOIN "order_lines"/g)).toHaveLength(3);
  });

  it('every plan gives the same sums (every sku, this month, last month and a year ago)', async () => {
    const direct = await query(wh, spec(['gmv', 'units']));
    const rolled = await query(wh, spec(['gmv', 'units', 'orders']));
    const fields = Object.keys(direct.rows[0]);
    expect(fields).toContain('gmv_mom_base');
    expect(direct.rows.length).toBeGreaterThan(3);
    expect(direct.rows).toEqual(rolled.rows.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]]))));
    // the joined plans of a file from before schema version 4, on the same rows
    const older = { ...wh, dialect: wh.dialect, schemaVersion: 3, query: wh.query.bind(wh) } as Warehouse;
    expect((await query(older, spec(['gmv', 'units']))).sql.join()).toContain('JOIN "order_lines"');
    expect((await query(older, spec(['gmv', 'units']))).rows).toEqual(direct.rows);
    expect((await query(older, spec(['gmv', 'units', 'orders']))).rows).toEqual(rolled.rows);
  });
});

describe('values are bound, identifiers come from the registry', () => {
  it('no filter value or period appears in the SQL text', () => {
    const evil = "'; DROP TABLE orders; --";
    const { statements } = planQuery(wh, {
      metrics: ['gmv', 'gmv_target'],
      dimensions: ['channel'],
      filters: [{ dimension: 'channel', op: 'in', values: [evil, '＇直播＇'] }],
      period: OCT,
    });
    expect(statements).toHaveLength(1);
    const [s] = statements;
    expect(s.sql).not.toContain('DROP');
    expect(s.sql).not.toContain('2026-10');
    expect(s.params).toEqual(
      expect.arrayContaining([evil, '＇直播＇', '2026-10-01', '2026-10-31', 'gmv', 'channel']),
    );
  });

  it('unknown metric, dimension, operator and comparison names are QUERY_INVALID', async () => {
    expect(await invalid({ metrics: ['gmv; DROP TABLE orders'], period: OCT })).toContain('unknown metric');
    expect(await invalid({ metrics: ['gmv'], dimensions: ['"channel"'], period: OCT })).toContain(
      'unknown dimension',
    );
    expect(
      await invalid({
        metrics: ['gmv'],
        filters: [{ dimension: 'x', op: 'eq', values: ['a'] }],
        period: OCT,
      }),
    ).toContain('unknown dimension "x"');
    expect(
      await invalid({
        metrics: ['gmv'],
        filters: [{ dimension: 'channel', op: 'like', values: ['a'] }],
        period: OCT,
      }),
    ).toContain('unknown operator');
    expect(
      await invalid({
        metrics: ['gmv'],
        filters: [{ dimension: 'channel', op: 'eq', values: [1] }],
        period: OCT,
      }),
    ).toContain('strings');
    expect(await invalid({ metrics: ['gmv'], compare: ['wow'], period: OCT })).toContain(
      'unknown comparison',
    );
    expect(await invalid({ metrics: ['gmv_target_target'], period: OCT })).toContain('unknown metric');
    expect(await invalid({ metrics: [], period: OCT })).toContain('at least one metric');
    expect(await invalid({ metrics: ['gmv', 'gmv'], period: OCT })).toContain('twice');
  });

  it('a metric that cannot be grouped or filtered by a dimension names both', async () => {
    expect(await invalid({ metrics: ['gmv', 'visitors'], dimensions: ['category'], period: OCT })).toBe(
      'metric "visitors" (from traffic_daily) cannot be grouped by dimension "category"',
    );
    expect(await invalid({ metrics: ['spend'], dimensions: ['device'], period: OCT })).toContain(
      'metric "spend" (from marketing_spend) cannot be grouped by dimension "device"',
    );
    expect(await invalid({ metrics: ['roas'], dimensions: ['province'], period: OCT })).toContain('"roas"');
    expect(
      await invalid({
        metrics: ['conversion'],
        filters: [{ dimension: 'province', op: 'eq', values: ['广东'] }],
        period: OCT,
      }),
    ).toContain('cannot be filtered by dimension "province"');
    expect(
      await invalid({ metrics: ['placed_orders'], dimensions: ['customer_type'], period: OCT }),
    ).toContain('placed_orders');
    expect(await invalid({ metrics: ['gmv_target'], dimensions: ['day'], period: OCT })).toContain('"day"');
    expect(
      await invalid({ metrics: ['gmv_target'], dimensions: ['channel', 'device'], period: OCT }),
    ).toContain('cannot be split by channel and device');
  });

  it('bad periods, sorts and limits', async () => {
    expect(await invalid({ metrics: ['gmv'], period: { from: '2026-10-31', to: '2026-10-01' } })).toContain(
      'starts after',
    );
    expect(await invalid({ metrics: ['gmv'], period: { from: '2026-02-30', to: '2026-03-01' } })).toContain(
      'not a date',
    );
    expect(await invalid({ metrics: ['gmv'], period: OCT, sort: [{ field: 'orders' }] })).toContain(
      'cannot sort',
    );
    expect(await invalid({ metrics: ['gmv'], period: OCT, limit: -1 })).toContain('limit');
  });
});

describe('registry', () => {
  it('every metric has labels, a format, a description and a formula; ratios name registry metrics', () => {
    for (const m of Object.values(METRICS)) {
      expect(m.label.zh && m.label.en && m.description.zh && m.description.en && m.formula).toBeTruthy();
      if (m.kind === 'ratio') {
        expect(Object.keys(METRICS)).toContain(m.ratio?.num);
        expect(Object.keys(METRICS)).toContain(m.ratio?.den);
      }
    }
    for (const d of Object.values(DIMENSIONS)) expect(d.label.zh && d.label.en && d.description).toBeTruthy();
  });
});
