import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/stats/digamma.js';
import { logGamma } from '../../src/stats/log-gamma.js';

const EULER = 0.5772156649015329;

describe('digamma', () => {
  it('has the closed forms of A&S 6.3.2–6.3.4: ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(n + 1) = Hₙ − γ', () => {
    expect(digamma(1)).toBeCloseTo(-EULER, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.LN2, 14);
    let harmonic = 0;
    for (let n = 1; n <= 40; n++) {
      harmonic += 1 / n;
      expect(Math.abs(digamma(n + 1) - (harmonic - EULER))).toBeLessThan(1e-13 * Math.max(1, harmonic));
    }
  });

  it('is the derivative of logGamma (central difference, h = 1e-5)', () => {
    for (const x of [0.01, 0.243, 0.793, 2.426, 7.5, 123.4, 5e4]) {
      const h = 1e-5 * Math.max(1, x);
      const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - slope)).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
    }
  });

  it('satisfies the recurrence ψ(x + 1) = ψ(x) + 1/x across the switch to the series at 10', () => {
    for (const x of [0.001, 0.3, 8.99, 9.5, 10, 13.25])
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 12);
  });

  it('refuses x <= 0', () => {
    expect(() => digamma(0)).toThrow(RangeError);
    expect(() => digamma(-2.5)).toThrow(RangeError);
  });
});
