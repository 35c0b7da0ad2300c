import type { Param, Warehouse } from '../../warehouse/warehouse.js';
import { dayBefore, type TierThresholds } from './states.js';

/**
 * The SQL CASE giving a customer's state at the start of `asOf` (states.ts) from the columns `last`
 * (last paid day before asOf), `spend12` (GMV of the 12 calendar months up to the day before asOf)
 * and `firstMonth` (month of the first paid order). Money is compared exactly: spend ≥ threshold ×
 * months rather than spend ÷ months ≥ threshold.
 */
export function stateCase(
  wh: Warehouse,
  asOf: string,
  t: TierThresholds,
  params: Param[],
  cols: { last: string; spend12: string; firstMonth: string },
): string {
  const d = wh.dialect;
  const p = (v: Param) => `$${params.push(v)}`;
  const day = `CAST(${p(asOf)} AS DATE)`;
  const last = `CAST(${p(dayBefore(asOf))} AS DATE)`;
  const recency = d.daysBetween(cols.last, day);
  const months = `LEAST(12, ${d.monthsBetween(cols.firstMonth, last)} + 1)`;
  return `CASE
    WHEN ${recency} >= ${p(t.churnedDays)} THEN 'churned'
    WHEN ${recency} >= ${p(t.dormantDays)} THEN 'dormant'
    WHEN ${cols.spend12} >= ${p(t.highValueMonthlySpend)} * ${months} THEN 'high'
    WHEN ${cols.spend12} >= ${p(t.mediumValueMonthlySpend)} * ${months} THEN 'medium'
    ELSE 'low' END`;
}
