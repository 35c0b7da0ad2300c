import type { MetricRow } from '../../metrics/types.js';

export interface RepurchaseGroup {
  group: string;
  buyers: number;
  repeatBuyers: number;
  repeatRate: number | null;
  returningCustomers: number;
  returningCustomerRate: number | null;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Rows of a repurchase query as groups keyed by the dimension's value ('' when empty). */
export function repurchaseGroups(rows: readonly MetricRow[], dimension: string): RepurchaseGroup[] {
  return rows.map((r) => ({
    group: r[dimension] === null || r[dimension] === undefined ? '' : String(r[dimension]),
    buyers: num(r.buyers),
    repeatBuyers: num(r.repeat_buyers),
    repeatRate: typeof r.repeat_rate === 'number' ? r.repeat_rate : null,
    returningCustomers: num(r.returning_customers),
    returningCustomerRate: typeof r.returning_customer_rate === 'number' ? r.returning_customer_rate : null,
  }));
}

/**
 * Members vs non-members from rows by member_tier: a buyer has one tier, so the counts add up across
 * tiers and the rates are recomputed from the sums (never averaged). No tier (empty) = non-member.
 */
export function memberComparison(groups: readonly RepurchaseGroup[]): RepurchaseGroup[] {
  const fold = (name: string, list: readonly RepurchaseGroup[]): RepurchaseGroup => {
    const buyers = list.reduce((s, g) => s + g.buyers, 0);
    const repeatBuyers = list.reduce((s, g) => s + g.repeatBuyers, 0);
    const returningCustomers = list.reduce((s, g) => s + g.returningCustomers, 0);
    return {
      group: name,
      buyers,
      repeatBuyers,
      repeatRate: buyers > 0 ? repeatBuyers / buyers : null,
      returningCustomers,
      returningCustomerRate: buyers > 0 ? returningCustomers / buyers : null,
    };
  };
  const isMember = (g: RepurchaseGroup) => g.group !== '' && g.group !== '(none)';
  return [
    fold('member', groups.filter(isMember)),
    fold(
      'non_member',
      groups.filter((g) => !isMember(g)),
    ),
  ];
}
