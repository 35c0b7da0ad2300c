import { FupanError } from '../../../errors.js';

export const usage = (message: string) => new FupanError('USAGE', message);

/** A --flag's YYYY-MM-DD value, checked. */
export function day(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw usage(`${flag} must be a date like 2026-10-31 (got "${value}")`);
  }
  return value;
}

/** A --flag's four comma-separated numbers (RFM thresholds). */
export function numbers(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const xs = value.split(',').map(Number);
  if (xs.length !== 4 || xs.some((x) => !Number.isFinite(x)))
    throw usage(`${flag} needs 4 numbers, e.g. 30,60,90,180`);
  return xs;
}

/** The month k months after YYYY-MM (k may be negative). */
export function shiftMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 7);
}

/** Last day of a month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
