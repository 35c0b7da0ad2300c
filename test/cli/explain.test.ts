import { beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, type PlantedShop, plantedShop } from '../analyses/planted-shop.js';
import { runFupan } from '../helpers/run-cli.js';

// The scripting contracts of `fupan explain`, `fupan funnel` and `fupan channels` (issue 4), run as a real process on the planted demo shop.
let shop: PlantedShop;

function fupan(...args: string[]) {
  return runFupan(shop.dir, args);
}

beforeAll(async () => {
  shop = await plantedShop();
  shop.wh.close();
}, 120_000);

const fen = (yuan: number) => Math.round(yuan * 100);

describe('fupan explain', () => {
  it('conversion --format json: metric, current, previous, change and causes that sum to change', () => {
    const r = fupan(
      'explain',
      'conversion',
      '--month',
      PLANTED.endMonth,
      '--db',
      shop.dbPath,
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ metric: 'conversion', dimension: 'channel' });
    for (const k of ['current', 'previous', 'change']) expect(typeof j[k]).toBe('number');
    for (const c of j.causes)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['dimension', 'value', 'mix', 'rate', 'total']));
    expect(j.causes.reduce((a: number, c: { total: number }) => a + c.total, 0)).toBe(j.change);
    expect(j.causes[0].value).toBe('信息流广告');
    const real = shop.truth.planted.realised;
    expect(j.causes[0].share[0]).toBeCloseTo(real.changes.feedVisitorShare[0], 6);
    expect(j.causes[0].share[1]).toBeCloseTo(real.changes.feedVisitorShare[1], 6);
    expect(j.mix / j.change).toBeGreaterThan(0.5);
  });

  it('gmv --vs previous (global --db): factors visitors, conversion and atv add up to the change to the cent', () => {
    const r = fupan(
      '--db',
      shop.dbPath,
      'explain',
      'gmv',
      '--month',
      PLANTED.endMonth,
      '--vs',
      'previous',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(fen(j.factors.visitors) + fen(j.factors.conversion) + fen(j.factors.atv)).toBe(fen(j.change));
    expect(fen(j.current) - fen(j.previous)).toBe(fen(j.change));
  });

  it('text output names the channel; usage errors exit 2 with a message', () => {
    const r = fupan('explain', 'conversion', '--db', shop.dbPath, '--no-pairs');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Best explained by channel/);
    expect(r.out).toMatch(/信息流广告/);
    const bad = fupan('explain', 'conversion', '--db', shop.dbPath, '--vs', 'lastyear');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--vs must be previous, yoy or a month/);
  });
});

describe('fupan funnel and fupan channels', () => {
  it('funnel --by channel --format json', () => {
    const r = fupan(
      'funnel',
      '--month',
      PLANTED.endMonth,
      '--by',
      'channel',
      '--db',
      shop.dbPath,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.total.steps.map((s: { step: string }) => s.step)).toEqual([
      'visitors',
      'product_views',
      'add_to_carts',
      'checkouts',
      'buyers',
    ]);
    expect(j.groups.length).toBe(8);
    expect(fupan('funnel', '--by', 'sku', '--db', shop.dbPath).err).toMatch(
      /--by takes channel and\/or device/,
    );
  });

  it('channels --format json and the table', () => {
    const r = fupan('channels', '--month', PLANTED.endMonth, '--db', shop.dbPath, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const feed = j.channels.find((c: { channel: string }) => c.channel === '信息流广告');
    expect(feed.paid).toBe(true);
    expect(feed.metrics.roas.value).toBeGreaterThan(0);
    const roi = JSON.parse(
      fupan('channels', '--roi', '--replicates', '3', '--db', shop.dbPath, '--format', 'json').out,
    ).roi;
    expect(roi.channels.map((c: { channel: string }) => c.channel)).toContain('信息流广告');
    expect(roi.reallocation.totalDailySpend).toBeGreaterThan(0);
    const t = fupan('channels', '--db', shop.dbPath);
    expect(t.out).toMatch(/信息流广告/);
    expect(t.out).toMatch(/^total/m);
  });
});
