import { bucketLabels } from '../../../metrics/period.js';
import { queryUrl } from '../../api/query-url.js';
import type { MetricRow } from '../../api/types.js';
import { type Loadable, useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import type { FilterDim } from '../../state/view-state.js';
import { KpiCard, type KpiValues } from './kpi-card.js';
import { KPI_GROUPS, KPI_ORDER, type KpiGroup } from './kpis.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface GroupResult {
  /** Why the group shows no numbers (an empty table, an unsupported filter, an error). */
  note?: string;
  values?: Record<string, KpiValues>;
}

function useGroup(group: KpiGroup): GroupResult {
  const { state, meta, period, t } = useApp();
  const lang = state.lang;
  const active = (Object.keys(state.filters) as FilterDim[]).filter((d) => state.filters[d]);
  const unsupported = group.dims ? active.filter((d) => !group.dims?.includes(d)) : [];
  const missing = missingTables(meta, group.tables);
  const ok = unsupported.length === 0 && missing.length === 0;
  const base = { metrics: group.metrics, period, filters: state.filters };
  const hasTargets = missingTables(meta, ['targets']).length === 0 && period.from.endsWith('-01');
  const totals = useFetch<MetricRow[]>(ok ? queryUrl({ ...base, compare: ['mom', 'yoy'] }) : null);
  const daily = useFetch<MetricRow[]>(ok ? queryUrl({ ...base, by: ['day'] }) : null);
  const targets = useFetch<MetricRow[]>(
    ok && hasTargets
      ? queryUrl({ ...base, metrics: group.metrics.map((m) => `${m}_target_completion`) })
      : null,
  );
  if (missing.length > 0) return { note: t.no_table(missing.join(', ')) };
  if (unsupported.length > 0) {
    return { note: t.not_for_filter(unsupported.map((d) => labelOf(meta, lang, d)).join(', ')) };
  }
  const failed = [totals, daily, targets].find(
    (x): x is Extract<Loadable<MetricRow[]>, { state: 'error' }> =>
      x.state === 'error' && !(x === targets && !hasTargets),
  );
  if (failed) return { note: `${t.error}: ${failed.message}` };
  if (totals.state !== 'ready' || daily.state !== 'ready') return {};
  const row = totals.data[0] ?? {};
  const trow = targets.state === 'ready' ? (targets.data[0] ?? {}) : {};
  // one point per calendar day: a day without rows sold nothing (0) or has no ratio (gap)
  const byDay = new Map(daily.data.map((d) => [String(d.day), d]));
  const days = bucketLabels(period, 'day', meta.weekStart).map((d) => byDay.get(d));
  const additive = (m: string) => meta.metrics.find((x) => x.name === m)?.kind !== 'ratio';
  const values: Record<string, KpiValues> = {};
  for (const m of group.metrics) {
    values[m] = {
      value: num(row[m]),
      mom: num(row[`${m}_mom`]),
      momBase: num(row[`${m}_mom_base`]),
      yoy: num(row[`${m}_yoy`]),
      yoyBase: num(row[`${m}_yoy_base`]),
      target: num(trow[`${m}_target_completion`]),
      spark: days.map((d) => (d ? num(d[m]) : additive(m) ? 0 : null)),
    };
  }
  return { values };
}

/** The eight KPI cards of the overview. */
export function KpiGrid() {
  const { meta } = useApp();
  const results = KPI_GROUPS.map((g) => [g, useGroup(g)] as const);
  const byMetric = new Map<string, GroupResult>();
  for (const [g, r] of results) for (const m of g.metrics) byMetric.set(m, r);
  return (
    <section class="kpis" aria-label="KPI">
      {KPI_ORDER.map((name) => {
        const def = meta.metrics.find((m) => m.name === name);
        if (!def) return null;
        const r = byMetric.get(name);
        return <KpiCard key={name} def={def} values={r?.values?.[name]} note={r?.note} />;
      })}
    </section>
  );
}
