/**
 * Value tiers and lifecycle states of a customer at the start of a day, with thresholds from the
 * config (FupanConfig.thresholds): churned after `churnedDays` without a paid order, dormant after
 * `dormantDays`; otherwise a value tier by average monthly spend — GMV of the last 12 calendar months
 * ÷ the months of those the customer has been a customer (at least 1) — high from
 * `highValueMonthlySpend`, medium from `mediumValueMonthlySpend`, low below.
 */
export type CustomerState = 'high' | 'medium' | 'low' | 'dormant' | 'churned';

export interface TierThresholds {
  highValueMonthlySpend: number;
  mediumValueMonthlySpend: number;
  dormantDays: number;
  churnedDays: number;
}

export const CUSTOMER_STATES: ReadonlyArray<{ key: CustomerState; zh: string; en: string }> = [
  { key: 'high', zh: '高价值客户', en: 'High value' },
  { key: 'medium', zh: '中价值客户', en: 'Medium value' },
  { key: 'low', zh: '低价值客户', en: 'Low value' },
  { key: 'dormant', zh: '沉睡客户', en: 'Dormant' },
  { key: 'churned', zh: '流失客户', en: 'Churned' },
];

export function isCustomerState(key: string): key is CustomerState {
  return CUSTOMER_STATES.some((s) => s.key === key);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
