import { query, querySets } from '../../metrics/index.js';
import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { memberComparison, type RepurchaseGroup, repurchaseGroups } from './model.js';
import { repurchaseByMonthSpec, repurchaseBySpec, repurchaseSpec } from './query.js';

export * from './model.js';
export * from './query.js';

export interface RepurchaseAnalysis {
  period: Period;
  byMonth: RepurchaseGroup[];
  byChannel: RepurchaseGroup[];
  byCategory: RepurchaseGroup[];
  /** Members vs non-members; null when no customer has a member_tier. */
  members: RepurchaseGroup[] | null;
  byMemberTier: RepurchaseGroup[];
}

/** Repeat rate and returning customer rate by month (trend), channel, category and membership. */
export async function repurchaseAnalysis(
  wh: Warehouse,
  q: { period: Period; trend: Period; weekStart?: 1 | 7 },
): Promise<RepurchaseAnalysis> {
  const opts = { weekStart: q.weekStart ?? 1 };
  const run = async (spec: ReturnType<typeof repurchaseBySpec>, dim: string) =>
    repurchaseGroups((await query(wh, spec, opts)).rows, dim);
  const byMonth = await run(repurchaseByMonthSpec(q.trend), 'month');
  // channel and member tier (both order dimensions) in one grouped statement
  const [channels, tiers] = await querySets(
    wh,
    repurchaseSpec(q.period),
    [['channel'], ['member_tier']],
    opts,
  );
  const byChannel = repurchaseGroups(channels.rows, 'channel');
  const byCategory = await run(repurchaseBySpec(q.period, 'category'), 'category');
  const byMemberTier = repurchaseGroups(tiers.rows, 'member_tier');
  const hasMembers = byMemberTier.some((g) => g.group !== '' && g.group !== '(none)');
  return {
    period: q.period,
    byMonth,
    byChannel,
    byCategory,
    members: hasMembers ? memberComparison(byMemberTier) : null,
    byMemberTier,
  };
}
