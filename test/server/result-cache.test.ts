import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/server/result-cache.js';

/** The server's answer cache is keyed by data version: nothing computed before an import outlives it. */
describe('ResultCache', () => {
  it('shares one computation per key until invalidated, then computes afresh', async () => {
    const cache = new ResultCache<number>();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(1);
    cache.invalidate();
    expect(cache.dataVersion).toBe(1);
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('does not keep an answer that was being computed while the data changed', async () => {
    const cache = new ResultCache<string>();
    let release: (v: string) => void = () => {};
    const slow = cache.get('k', () => new Promise<string>((r) => (release = r)));
    cache.invalidate(); // an import commits while the old answer is still being computed
    release('old data');
    expect(await slow).toBe('old data');
    expect(await cache.get('k', async () => 'new data')).toBe('new data');
  });
});
