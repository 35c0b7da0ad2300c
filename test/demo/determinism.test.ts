import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/index.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('fupan-demo-det-');
const small = { endMonth: '2026-03', months: 3, scale: 0.1 };

function hashes(outDir: string, seed: number, timeZone?: string, threads?: 1 | 2): Record<string, string> {
  const demo = generateDemo({ ...small, outDir, seed, timeZone, threads });
  const files = { ...demo.files, ground_truth: demo.groundTruthPath };
  return Object.fromEntries(
    Object.entries(files).map(([k, path]) => [
      k,
      createHash('sha256').update(readFileSync(path)).digest('hex'),
    ]),
  );
}

describe('determinism', () => {
  it('writes byte-identical files for the same seed and options', () => {
    const a = hashes(join(dir, 'a'), 42);
    const b = hashes(join(dir, 'b'), 42);
    expect(b).toEqual(a);
    expect(Object.keys(a)).toHaveLength(8);
  });

  it('writes the same bytes with the order-writing worker thread as without it', () => {
    const one = generateDemo({ ...small, outDir: join(dir, 't1'), seed: 5, threads: 1 });
    const two = generateDemo({ ...small, outDir: join(dir, 't2'), seed: 5, threads: 2 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.counts).toEqual(one.counts);
    expect(hashes(join(dir, 't2'), 5, undefined, 2)).toEqual(hashes(join(dir, 't1'), 5, undefined, 1));
  });

  it('writes different shops for different seeds', () => {
    const a = hashes(join(dir, 'a'), 42);
    const c = hashes(join(dir, 'c'), 43);
    for (const file of ['orders', 'order_lines', 'customers', 'products', 'traffic_daily', 'ground_truth']) {
      expect(c[file], file).not.toBe(a[file]);
    }
  });

  it('writes instants in the store zone, with daylight saving where the zone has it', () => {
    const demo = generateDemo({ ...small, outDir: join(dir, 'berlin'), seed: 42, timeZone: 'Europe/Berlin' });
    const text = readFileSync(demo.files.orders, 'utf8');
    // 2026-03-29: Central European Summer Time begins.
    expect(text).toMatch(/,2026-03-28 \d\d:\d\d:\d\d\+01:00,/);
    expect(text).toMatch(/,2026-03-30 \d\d:\d\d:\d\d\+02:00,/);
    expect(text).not.toContain('+08:00');
  });

  it('refuses bad options', () => {
    expect(() => generateDemo({ ...small, outDir: join(dir, 'x'), months: 1 })).toThrow(/months/);
    expect(() => generateDemo({ ...small, outDir: join(dir, 'x'), scale: 0 })).toThrow(/scale/);
    expect(() => generateDemo({ ...small, outDir: join(dir, 'x'), endMonth: '2026-13' })).toThrow(/YYYY-MM/);
  });
});
