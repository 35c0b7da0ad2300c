import { beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, type PlantedShop, plantedShop } from '../analyses/planted-shop.js';
import { runFupan } from '../helpers/run-cli.js';

// `fupan anomalies` as a real process on the planted demo shop (4 months to 2026-10, scale 0.5).
let shop: PlantedShop;

function fupan(...args: string[]) {
  return runFupan(shop.dir, args);
}

beforeAll(async () => {
  shop = await plantedShop();
  shop.wh.close();
}, 120_000);

describe('fupan anomalies', () => {
  it('--format json: the stock-out month names the planted SKU and days; the brand days are labelled', () => {
    const r = fupan(
      'anomalies',
      '--from',
      '2026-07-01',
      '--to',
      '2026-08-31',
      '--db',
      shop.dbPath,
      '--format',
      'json',
    );
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.period).toEqual({ from: '2026-07-01', to: '2026-08-31' });
    expect(j.stockouts.map((s: { sku: string; from: string; to: string }) => [s.sku, s.from, s.to])).toEqual([
      [shop.truth.stockout.sku, shop.truth.stockout.from, shop.truth.stockout.to],
    ]);
    const bd = shop.truth.campaigns.brandDay;
    expect(j.known.filter((k: { name: string }) => k.name === bd.campaignId)).toHaveLength(3);
    expect(j.anomalies.filter((a: { date: string }) => a.date >= bd.from && a.date <= bd.to)).toEqual([]);
  });

  it('the table names the stock-out; --metric narrows the check', () => {
    const so = shop.truth.stockout;
    const r = fupan('anomalies', '--month', '2026-08', '--db', shop.dbPath);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^anomalies 2026-08-01 … 2026-08-31/);
    expect(r.out).toContain(`stock-out: ${so.sku} sold nothing ${so.from} … ${so.to} (12 days;`);
    const j = JSON.parse(
      fupan(
        'anomalies',
        '--month',
        PLANTED.endMonth,
        '--metric',
        'visitors,conversion',
        '--db',
        shop.dbPath,
        '--format',
        'json',
      ).out,
    );
    expect(j.metrics).toEqual(['visitors', 'conversion']);
    expect(
      j.anomalies.every((a: { metric: string }) => a.metric === 'visitors' || a.metric === 'conversion'),
    ).toBe(true);
  });

  it('refuses bad options with exit code 1', () => {
    for (const args of [
      ['--month', '2026-13'],
      ['--from', '2026-08-01'],
      ['--metric', 'spend'],
      ['--threshold', 'x'],
      ['--format', 'xml'],
    ]) {
      expect(fupan('anomalies', ...args, '--db', shop.dbPath).code, args.join(' ')).toBe(1);
    }
  });
});
