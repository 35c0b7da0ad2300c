/**
 * A small seeded pseudo-random generator (Mulberry32, Tommy Ettinger 2017; public domain): 32-bit
 * state, period 2³², uniform floats in [0, 1). Enough for bootstrap resampling in analyses, which must
 * be deterministic (the seed is a parameter, never the clock).
 *
 * @example const u = mulberry32(42); u(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
