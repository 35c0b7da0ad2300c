import { bucketLabels, previousPeriod, yoyPeriod } from '../../../metrics/period.js';
import type { Period } from '../../../metrics/types.js';
import { queryUrl } from '../../api/query-url.js';
import type { MetricRow } from '../../api/types.js';
import { useFetch } from '../../api/use-fetch.js';
import { missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { MissingTables, Status } from '../../components/status.js';
import { formatAxisMoney, formatMetric } from '../../format-metric.js';
import type { TrendGrain } from '../../state/view-state.js';

const GRAINS: TrendGrain[] = ['day', 'week', 'month'];

/** GMV per bucket of `period`, in bucket order (missing buckets are 0: no paid order). */
function series(rows: MetricRow[] | undefined, period: Period, grain: TrendGrain, weekStart: 1 | 7) {
  const by = new Map((rows ?? []).map((r) => [String(r[grain]), r.gmv]));
  return bucketLabels(period, grain, weekStart).map((label) => ({
    label,
    value: typeof by.get(label) === 'number' ? (by.get(label) as number) : rows ? 0 : null,
  }));
}

/**
 * GMV by day, week or month, with the previous period (环比 period) and the same dates last year
 * overlaid bucket by bucket; the comparison periods are the metric layer's own.
 */
export function TrendPanel() {
  const { state, meta, period, t, navigate } = useApp();
  const grain = state.grain;
  const missing = missingTables(meta, ['orders']);
  const prev = previousPeriod(period);
  const ly = yoyPeriod(period);
  const req = (p: Period) =>
    missing.length ? null : queryUrl({ metrics: ['gmv'], by: [grain], period: p, filters: state.filters });
  const cur = useFetch<MetricRow[]>(req(period));
  const before = useFetch<MetricRow[]>(req(prev));
  const lastYear = useFetch<MetricRow[]>(req(ly));

  const header = (
    <header class="panel-head">
      <h2>{t.trend}</h2>
      <fieldset class="seg">
        <legend class="sr-only">{t.trend}</legend>
        {GRAINS.map((g) => (
          <button
            type="button"
            key={g}
            aria-pressed={g === grain}
            data-grain={g}
            onClick={() => navigate({ grain: g })}
          >
            {t[g]}
          </button>
        ))}
      </fieldset>
    </header>
  );
  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (cur.state === 'error') body = <Status kind="error">{cur.message}</Status>;
  else if (cur.state === 'loading') body = <Status kind="loading" />;
  else {
    const ws = meta.weekStart;
    const c = series(cur.data, period, grain, ws);
    const p = series(before.state === 'ready' ? before.data : undefined, prev, grain, ws);
    const y = series(lastYear.state === 'ready' ? lastYear.data : undefined, ly, grain, ws);
    const fmt = (v: unknown) =>
      formatMetric(typeof v === 'number' ? v : null, 'money', state.lang, meta.currency);
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t.current, t.previous, t.last_year] },
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      xAxis: {
        type: 'category',
        data: c.map((b) => b.label),
        boundaryGap: grain !== 'day',
        // days and weeks as MM-DD on the axis (the tooltip shows the full date)
        axisLabel: { formatter: (v: string) => (grain === 'month' ? v : v.slice(5)) },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatAxisMoney(v, state.lang, meta.currency) },
      },
      series: [
        {
          name: t.current,
          type: 'line',
          data: c.map((b) => b.value),
          symbol: 'none',
          lineStyle: { width: 2.5 },
        },
        {
          name: t.previous,
          type: 'line',
          data: c.map((_, i) => p[i]?.value ?? null),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1.5 },
        },
        {
          name: t.last_year,
          type: 'line',
          data: c.map((_, i) => y[i]?.value ?? null),
          symbol: 'none',
          lineStyle: { type: 'dotted', width: 1.5 },
        },
      ],
    };
    body = (
      <div data-trend-points={c.length} data-trend-total={c.reduce((s, b) => s + (b.value ?? 0), 0)}>
        <Chart option={option} height={300} label={t.trend} />
      </div>
    );
  }
  return (
    <section class="panel trend">
      {header}
      {body}
    </section>
  );
}
