import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openFixtureShop } from '../helpers/fixture-shop.js';
import { runFupan } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

// The scripting contract of `fupan query` (issue 2 §4), run as a real process on the fixture shop.
const dir = tempDir();
const db = join(dir, 'shop.duckdb');

function fupan(...args: string[]) {
  return runFupan(dir, ['--db', db, ...args]);
}

beforeAll(async () => {
  const wh = await openFixtureShop(db);
  wh.close();
});

describe('fupan query', () => {
  it('--format json prints an array of rows keyed by dimension and metric names', () => {
    const r = fupan(
      'query',
      '--metrics',
      'gmv,orders,buyers',
      '--by',
      'channel',
      '--month',
      '2026-10',
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // hand-computed in test/metrics/metrics.test.ts
    expect(JSON.parse(r.out)).toEqual([
      { channel: '搜索', gmv: 180, orders: 2, buyers: 2 },
      { channel: '直播', gmv: 760, orders: 5, buyers: 4 },
      { channel: '短视频', gmv: 48, orders: 1, buyers: 1 },
    ]);
  });

  it('--from/--to, several dimensions, repeatable filters, compare, sort and limit; money to the cent', () => {
    const r = fupan(
      'query',
      '--metrics',
      'gmv,atv,conversion',
      '--by',
      'channel,device',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--filter',
      'channel=直播,搜索',
      '--filter',
      'device!=pc',
      '--compare',
      'mom',
      '--sort',
      'gmv:desc',
      '--limit',
      '1',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    // 直播 app: S4 80 + T1 230 + T3 200 + T6 100 = 610, buyers u5 u1 u2 u7 → atv 152.5; visitors 160;
    // September 直播 app: S1 90 (u1), visitors 100
    expect(JSON.parse(r.out)).toEqual([
      {
        channel: '直播',
        device: 'app',
        gmv: 610,
        atv: 152.5,
        conversion: 4 / 160,
        gmv_mom_base: 90,
        gmv_mom: (610 - 90) / 90,
        atv_mom_base: 90,
        atv_mom: (152.5 - 90) / 90,
        conversion_mom_base: 1 / 100,
        conversion_mom: (4 / 160 - 0.01) / 0.01,
      },
    ]);
  });

  it('csv and table output; --sql prints bound SQL; --list lists the registry', () => {
    const csv = fupan(
      'query',
      '--metrics',
      'gmv,refund_rate',
      '--by',
      'category',
      '--month',
      '2026-10',
      '--format',
      'csv',
    );
    // 服饰 refunds T3 200 + T5 50 over line GMV 680
    expect(csv.out).toBe(`category,gmv,refund_rate\n服饰,680,${250 / 680}\n美妆,240,0\n食品,60,0\n`);
    const table = fupan('query', '--metrics', 'gmv,orders', '--by', 'channel', '--month', '2026-10');
    expect(table.out.split('\n').slice(0, 3)).toEqual([
      'channel     gmv  orders',
      '───────  ──────  ──────',
      '搜索     180.00       2',
    ]);
    const sql = fupan(
      'query',
      '--metrics',
      'gmv',
      '--month',
      '2026-10',
      '--filter',
      "channel='; DROP TABLE orders; --",
      '--sql',
    );
    expect(sql.out).toContain('SELECT');
    expect(sql.out).toContain('-- $1 = "2026-10-01", $2 = "2026-10-31", $3 = "\'; DROP TABLE orders; --"');
    const list = fupan('query', '--list', '--format', 'json');
    const parsed = JSON.parse(list.out);
    expect(parsed.metrics.map((m: { name: string }) => m.name)).toContain('atv');
    expect(parsed.dimensions.map((d: { name: string }) => d.name)).toContain('customer_type');
  });

  it('the latest complete month is the default period; errors exit 1 with a message', () => {
    const r = fupan('query', '--metrics', 'gmv', '--format', 'json');
    expect(JSON.parse(r.out)).toEqual([{ gmv: 988 }]); // data ends 2026-10-31 (T8 is paid 11-01: not complete)
    const bad = fupan('query', '--metrics', 'visitors', '--by', 'sku', '--month', '2026-10');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      'fupan: metric "visitors" (from traffic_daily) cannot be grouped by dimension "sku"\n',
    );
  });
});
