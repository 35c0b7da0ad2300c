import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnomalyResult,
  anomalies,
  findStockouts,
  scoreSeries,
  theilSen,
} from '../../src/analyses/anomalies/index.js';
import { calendarDays, DEFAULT_CALENDAR, resolveCalendar } from '../../src/config/calendar.js';
import { generateDemo } from '../../src/demo/index.js';
import { importFiles } from '../../src/ingest/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

describe('seasonal baseline and robust z', () => {
  it('Theil–Sen slope: the median of pairwise slopes (hand-computed)', () => {
    // Slopes of (0,0) (1,1) (2,2) (3,10): 1, 1, 10/3, 1, 4.5, 8 → sorted 1, 1, 1, 10/3, 4.5, 8 → (1 + 10/3) / 2.
    expect(theilSen([0, 1, 2, 3], [0, 1, 2, 10])).toBeCloseTo(13 / 6, 12);
  });

  // A shop with a weekday pattern (+20 % on day 5 of the week), +0.2 % a day of trend and ±1 % noise.
  const weekday = [1, 1, 1, 1, 1, 1.2, 1];
  const truth = (i: number) => 1000 * weekday[i % 7] * Math.exp(0.002 * i);
  const noise = (i: number) => 1 + 0.01 * Math.sin(i * 2.3);
  const values = Array.from({ length: 140 }, (_, i) => truth(i) * noise(i));
  const known = values.map(() => false);

  it('expects the weekday pattern and the trend; a spike is flagged with its size', () => {
    const v = [...values];
    v[120] = truth(120) * 1.5; // +50 %
    v[124] = truth(124) * 0.6; // −40 %, a day-5 (peak) weekday
    const s = scoreSeries(v, known, 112, { threshold: 3.5, minChange: 0.05, ratio: false })!;
    for (const d of s.days) {
      if (d.index === 120 || d.index === 124) continue;
      expect(Math.abs(d.expected / truth(d.index) - 1), `day ${d.index}`).toBeLessThan(0.02);
      expect(d.flagged).toBe(false);
    }
    expect(s.slope).toBeCloseTo(0.002, 3);
    const up = s.days.find((d) => d.index === 120)!;
    expect(up.flagged).toBe(true);
    expect(up.change).toBeCloseTo(0.5, 1);
    const down = s.days.find((d) => d.index === 124)!;
    expect(down.flagged).toBe(true);
    expect(down.z).toBeLessThan(-3.5);
    expect(down.change).toBeCloseTo(-0.4, 1);
    // Reference days of day 127: its weekday's 4 latest clean days; day 120 was flagged, so 92 comes in.
    expect(s.days.find((d) => d.index === 127)!.reference).toEqual([113, 106, 99, 92]);
  });

  it('calendar days are scored but never flagged, and stay out of later baselines', () => {
    const v = [...values];
    const k = [...known];
    for (const i of [114, 121]) {
      v[i] = truth(i) * 3; // a festival on the same weekday two weeks running
      k[i] = true;
    }
    const s = scoreSeries(v, k, 112, { threshold: 3.5, minChange: 0.05, ratio: false })!;
    const fest = s.days.find((d) => d.index === 121)!;
    expect(fest.flagged).toBe(false);
    expect(fest.change).toBeCloseTo(2, 1);
    // Day 128 (same weekday) is compared with clean days only: not pulled up by the festivals.
    const after = s.days.find((d) => d.index === 128)!;
    expect(Math.abs(after.expected / truth(128) - 1)).toBeLessThan(0.02);
    expect(after.reference).toEqual([107, 100, 93, 86]);
  });

  it('too little history gives no baseline', () => {
    expect(
      scoreSeries(values.slice(0, 20), known, 10, { threshold: 3.5, minChange: 0, ratio: false }),
    ).toBeNull();
  });
});

describe('calendar', () => {
  it('built-in China calendar: 春节 2026 (Feb 17) with 年货节 before it, 双11 pre-sale, 618', () => {
    const days = calendarDays(DEFAULT_CALENDAR, '2026-01-01', '2026-12-31');
    expect(days.get('2026-01-19')).toBeUndefined();
    expect(days.get('2026-01-20')?.name).toBe('年货节'); // 28 days before
    expect(days.get('2026-02-05')?.name).toBe('年货节');
    expect(days.get('2026-02-06')?.name).toBe('春节'); // couriers stop 11 days before
    expect(days.get('2026-03-03')?.name).toBe('春节'); // 2 weeks after
    expect(days.get('2026-03-04')).toBeUndefined();
    expect(days.get('2026-03-08')?.name).toBe('3.8');
    expect(days.get('2026-06-20')?.name).toBe('618');
    expect(days.get('2026-10-23')).toBeUndefined();
    expect(days.get('2026-10-24')).toEqual({ name: '双11', kind: 'festival', source: 'default' });
    expect(days.get('2026-11-14')?.name).toBe('双11');
    expect(days.get('2026-12-12')?.name).toBe('双12');
    expect(days.size).toBe(17 + 26 + 1 + 20 + 22 + 5);
  });

  it('config events (yearly across the new year, or once) and data campaigns; defaults can be off', () => {
    const cal = resolveCalendar(
      {
        chinaDefaults: false,
        events: [
          { name: '年终盛典', kind: 'campaign', from: '12-30', to: '01-02' },
          { name: '超级品牌日', kind: 'brand_day', from: '2026-07-15', to: '2026-07-17' },
        ],
      },
      'test',
    );
    const days = calendarDays(cal, '2026-01-01', '2026-12-31', [
      { name: 'C1', kind: 'campaign', from: '2026-07-17', to: '2026-07-18' },
    ]);
    expect([...days.keys()].sort()).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-07-15',
      '2026-07-16',
      '2026-07-17',
      '2026-07-18',
      '2026-12-30',
      '2026-12-31',
    ]);
    expect(days.get('2026-07-17')).toEqual({ name: '超级品牌日', kind: 'brand_day', source: 'config' });
    expect(days.get('2026-07-18')).toEqual({ name: 'C1', kind: 'campaign', source: 'data' });
  });

  it('refuses malformed calendars with the field at fault', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ events: [{ name: 'x', kind: 'party', from: '01-01' }] }, /kind/],
      [{ events: [{ name: 'x', kind: 'campaign', from: '2026-13-01' }] }, /from/],
      [{ events: [{ name: 'x', kind: 'campaign', from: '01-01', to: '2026-01-02' }] }, /same form/],
      [{ events: [{ name: '', kind: 'campaign', from: '01-01' }] }, /name/],
      [{ maxCampaignDays: 0 }, /maxCampaignDays/],
      [{ holidays: [] }, /calendar\.holidays/],
    ];
    for (const [cal, msg] of bad) expect(() => resolveCalendar(cal, 'cfg')).toThrow(msg);
  });
});

describe('stock-outs', () => {
  const dates = Array.from({ length: 40 }, (_, i) => `d${String(i).padStart(2, '0')}`);
  const cells = (f: (sku: string, i: number) => number) =>
    new Map(
      dates.map((d, i) => [
        d,
        new Map(['A', 'B', 'C'].map((s) => [s, { units: f(s, i), gmv: f(s, i) * 10 }])),
      ]),
    );
  it('a run of zero days counts when days × usual units ≥ 28', () => {
    const c = cells((s, i) => {
      if (s === 'A') return i >= 32 && i <= 33 ? 0 : 20; // 2 days × 20 = 40 ≥ 28
      if (s === 'B') return i >= 32 && i <= 34 ? 0 : 5; // 3 days × 5 = 15 < 28
      return i === 35 ? 0 : 100; // a single day is not enough
    });
    expect(findStockouts(dates, 30, c)).toEqual([
      { sku: 'A', from: 'd32', to: 'd33', days: 2, expectedUnitsPerDay: 20, expectedGmvPerDay: 200 },
    ]);
  });
});

describe('anomalies on the demo shop (6 months to 2026-10, scale 1, seed 42)', () => {
  let wh: Warehouse;
  // biome-ignore lint/suspicious/noExplicitAny: ground-truth.json is documented in docs/demo.md
  let truth: any;
  let august: AnomalyResult;
  let july: AnomalyResult;
  let october: AnomalyResult;
  beforeAll(async () => {
    const dir = tempDir('fupan-anomalies-');
    const demo = generateDemo({
      outDir: join(dir, 'files'),
      months: 6,
      endMonth: '2026-10',
      scale: 1,
      seed: 42,
    });
    wh = await Warehouse.open(join(dir, 'shop.duckdb'), {
      allowedDirs: [join(dir, 'files')],
      timeZone: 'Asia/Shanghai',
    });
    await importFiles(wh, Object.values(demo.files));
    truth = JSON.parse(readFileSync(demo.groundTruthPath, 'utf8'));
    august = await anomalies(wh, { month: '2026-08' });
    july = await anomalies(wh, { month: '2026-07' });
    october = await anomalies(wh, { month: '2026-10' });
  }, 240_000);
  afterAll(() => wh?.close());

  it('the planted stock-out: its SKU, its days, nothing else', () => {
    const so = truth.stockout;
    expect(august.stockouts.map((s) => [s.sku, s.from, s.to])).toEqual([[so.sku, so.from, so.to]]);
  });

  it('the brand day is a known campaign from the data: labelled with its uplift, not flagged', () => {
    const bd = truth.campaigns.brandDay;
    const days = july.known.filter((k) => k.name === bd.campaignId);
    expect(days.map((k) => k.date)).toEqual(['2026-07-15', '2026-07-16', '2026-07-17']);
    expect(days.every((k) => k.source === 'data' && k.kind === 'campaign')).toBe(true);
    // Orders on the brand days: demand ×1.8 planted, each day well above expected.
    for (const k of days) expect(k.scores.orders!.change).toBeGreaterThan(0.3);
    expect(july.anomalies.filter((a) => a.date >= bd.from && a.date <= bd.to)).toEqual([]);
  });

  it('without campaigns from data the brand days are flagged up, GMV traced to the spend jump', async () => {
    const r = await anomalies(wh, {
      month: '2026-07',
      calendar: { ...DEFAULT_CALENDAR, campaignsFromData: false },
    });
    const bd = r.anomalies.filter((a) => a.date >= '2026-07-15' && a.date <= '2026-07-17');
    for (const d of ['2026-07-15', '2026-07-16', '2026-07-17']) {
      const o = bd.find((a) => a.date === d && a.metric === 'orders')!;
      expect(o.direction, d).toBe('up');
      expect(o.change).toBeGreaterThan(0.3);
    }
    expect(bd.every((a) => a.direction === 'up')).toBe(true);
    for (const g of bd.filter((a) => a.metric === 'gmv')) expect(g.factor).toBe('spend');
  });

  it('the planted month: visitors up and conversion down, traced to 信息流广告; 双11 pre-sale days labelled', () => {
    const of = (metric: string) => october.anomalies.filter((a) => a.metric === metric);
    const visitors = of('visitors');
    const conversion = of('conversion');
    expect(visitors.length).toBeGreaterThanOrEqual(5);
    expect(conversion.length).toBeGreaterThanOrEqual(3);
    expect(visitors.every((a) => a.direction === 'up')).toBe(true);
    expect(conversion.every((a) => a.direction === 'down')).toBe(true);
    const feed = (xs: typeof visitors) =>
      xs.filter((a) => a.cause?.value === '信息流广告').length / xs.length;
    expect(feed(visitors)).toBeGreaterThan(0.8);
    expect(feed(conversion)).toBeGreaterThan(0.6);
    for (const a of visitors) expect(a.cause!.dimension).toBe('channel');
    expect(october.anomalies.filter((a) => a.date >= '2026-10-24')).toEqual([]);
    expect(october.known.filter((k) => k.name === '双11').map((k) => k.date)).toHaveLength(8);
  });
});
