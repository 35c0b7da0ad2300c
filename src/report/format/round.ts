/**
 * Rounds half away from zero at `decimals` places, immune to binary artefacts
 * (`1.005` → `1.01`, where `(1.005).toFixed(2)` gives `1.00`).
 */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = Math.round(scaled) / f;
  return x < 0 && r !== 0 ? -r : r;
}

/** The minus sign used for display (U+2212), as typeset reports do. */
export const MINUS = '\u2212';

/**
 * `1234567.891, 2` → `1,234,567.89`. Always `decimals` places; the sign is U+2212.
 * @example groupDigits(-1234.5, 1) === '−1,234.5'
 */
export function groupDigits(x: number, decimals: number): string {
  const r = roundTo(x, decimals);
  const [int, frac] = Math.abs(r).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${r < 0 ? MINUS : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
