/**
 * A finding: one structured insight an analysis emits — what changed, by how much, why, and what to do.
 * Findings carry numbers, never text; `render.ts` writes them in Chinese or English for the report,
 * the CLI and the dashboard.
 */
export type FindingKind =
  | 'metric_change'
  | 'gmv_factors'
  | 'mix_rate_split'
  | 'mix_shift'
  | 'rate_change'
  | 'value_change'
  | 'composition_shift'
  | 'channel_roas_below_one'
  | 'spend_past_break_even'
  | 'spend_headroom'
  | 'funnel_step_drop'
  | 'anomaly_run'
  | 'stockout'
  | 'calendar_event';

/** critical: money is being lost now; warning: a KPI moved the wrong way; info: context; positive: good news. */
export type Severity = 'critical' | 'warning' | 'info' | 'positive';

/** Suggested actions, written out by the message catalogue. */
export type ActionId =
  | 'review_low_intent_traffic'
  | 'fix_channel_conversion'
  | 'review_price_mix'
  | 'cut_or_retarget_spend'
  | 'fix_funnel_step'
  | 'grow_channel'
  | 'check_stock';

/** How a number of a finding is shown: the report's figure kinds, and a signed amount of money. */
export type NumberKind = 'money' | 'moneyDelta' | 'count' | 'percent' | 'change' | 'pp' | 'roas' | 'number';

export interface FindingNumber {
  value: number | null;
  kind: NumberKind;
}

export interface Finding {
  /** Stable identifier: kind, metric and dimension values (for the dashboard and tests). */
  id: string;
  kind: FindingKind;
  /** The metric the finding is about (registry name). */
  metric: string;
  /** Its format in the registry (money, percent, …): how changes of the metric are shown. */
  metricFormat: string;
  dimension?: string;
  values?: Record<string, string>;
  numbers: Record<string, FindingNumber>;
  severity: Severity;
  /** Size of the finding in units of the metric's change (for ranking); 0 when not comparable. */
  impact: number;
  action?: ActionId;
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, positive: 2, info: 3 };

/** Findings by severity, then by |impact| (largest first), then by id: a stable order. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Math.abs(b.impact) - Math.abs(a.impact) ||
      a.id.localeCompare(b.id),
  );
}

export const n = (value: number | null | undefined, kind: NumberKind): FindingNumber => ({
  value: value ?? null,
  kind,
});
