import type { QuerySpec } from '../../metrics/index.js';
import type { Period } from '../../metrics/types.js';

/**
 * Repurchase through the metric layer (no new definitions): repeat_rate = buyers with ≥ 2 paid
 * orders in the row ÷ buyers, returning_customer_rate = buyers with > 1 paid orders up to the
 * period end ÷ buyers (docs/metrics.md), with their numerators so groups can be folded exactly.
 */
export const REPURCHASE_METRICS = [
  'buyers',
  'repeat_buyers',
  'repeat_rate',
  'returning_customers',
  'returning_customer_rate',
] as const;

/** Monthly trend over a range of whole months. */
export function repurchaseByMonthSpec(period: Period): QuerySpec {
  return { metrics: [...REPURCHASE_METRICS], dimensions: ['month'], period, sort: [{ field: 'month' }] };
}

/** One period against the month before, largest groups first, to split by a dimension or several. */
export function repurchaseSpec(period: Period): QuerySpec {
  return {
    metrics: [...REPURCHASE_METRICS],
    period,
    compare: ['mom'],
    sort: [{ field: 'buyers', desc: true }],
  };
}

/** One period by a dimension (channel, category, member_tier), largest groups first. */
export function repurchaseBySpec(
  period: Period,
  dimension: 'channel' | 'category' | 'member_tier',
): QuerySpec {
  return { ...repurchaseSpec(period), dimensions: [dimension] };
}
