import { formatPercent } from '../../../report/format/percent.js';
import { queryUrl } from '../../api/query-url.js';
import type { MetricRow } from '../../api/types.js';
import { useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { type Column, SortableTable } from '../../components/sortable-table.js';
import { MissingTables, Status } from '../../components/status.js';
import { formatAxisMoney, formatDelta, formatMetric } from '../../format-metric.js';
import { BREAKDOWN_DIMS, type BreakdownDim, DRILL_CHILD, type FilterDim } from '../../state/view-state.js';
import { COLUMNS, DIM_TABLES, ROW_LIMIT } from './columns.js';

const CHART_BARS = 15;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Display text of a dimension value (new/returning translated, blanks named). */
export function useValueLabel(): (dim: string, v: unknown) => string {
  const { t } = useApp();
  return (dim, v) => {
    if (v === null || v === undefined || v === '') return t.none;
    if (dim === 'customer_type' && (v === 'new' || v === 'returning')) return t[v];
    return String(v);
  };
}

/**
 * 结构分析: GMV and its drivers by channel, category, device, province or new/returning — a bar chart
 * and a sortable table. Clicking a row filters the whole page by it and, where there is a level
 * below (channel → device, category → SKU), drills down to it.
 */
export function Breakdown() {
  const { state, meta, period, t, navigate } = useApp();
  const lang = state.lang;
  const dim = state.dim;
  const valueLabel = useValueLabel();
  const active = (Object.keys(state.filters) as FilterDim[]).filter((d) => state.filters[d]);
  const columns = COLUMNS.filter(
    (c) =>
      (!c.dims || c.dims.includes(dim)) &&
      (!c.filters || active.every((d) => c.filters?.includes(d))) &&
      missingTables(meta, c.tables).length === 0,
  );
  const missing = missingTables(meta, DIM_TABLES[dim]);
  const url = missing.length
    ? null
    : queryUrl({
        metrics: columns.map((c) => c.metric),
        by: [dim],
        period,
        filters: state.filters,
        compare: ['mom'],
        sort: { field: 'gmv', desc: true },
        limit: ROW_LIMIT,
      });
  const rows = useFetch<MetricRow[]>(url);
  // Shares are of the sum over all groups, as in the report (so line-level GMV by category adds up
  // to 100 %). SKUs stop at ROW_LIMIT, so their total is the sum over categories (every line has one).
  const totals = useFetch<MetricRow[]>(
    missing.length || dim !== 'sku'
      ? null
      : queryUrl({ metrics: ['gmv'], by: ['category'], period, filters: state.filters }),
  );

  const select = (row: MetricRow) => {
    const v = row[dim];
    if (v === null || v === undefined || v === '') return;
    const filters = { ...state.filters, [dim]: String(v) };
    const child = DRILL_CHILD[dim];
    navigate(child ? { filters, dim: child } : { filters });
  };

  const tabs = (
    <nav class="seg dims" aria-label={t.breakdown}>
      {[...BREAKDOWN_DIMS, ...(dim === 'sku' ? (['sku'] as const) : [])].map((d) => (
        <button
          type="button"
          key={d}
          data-dim={d}
          aria-pressed={d === dim}
          onClick={() => navigate({ dim: d })}
        >
          {labelOf(meta, lang, d)}
        </button>
      ))}
    </nav>
  );

  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (rows.state === 'loading') body = <Status kind="loading" />;
  else if (rows.state === 'error') body = <Status kind="error">{rows.message}</Status>;
  else if (rows.data.length === 0) body = <Status kind="empty" />;
  else {
    const data = rows.data;
    const sum = (rs: MetricRow[]) => rs.reduce((s, r) => s + (num(r.gmv) ?? 0), 0);
    const total = dim === 'sku' && totals.state === 'ready' ? sum(totals.data) : sum(data);
    const defOf = (m: string) => meta.metrics.find((x) => x.name === m);
    const tableColumns: Column<MetricRow>[] = [
      {
        key: dim,
        label: labelOf(meta, lang, dim),
        value: (r) => valueLabel(dim, r[dim]),
        render: (r) => valueLabel(dim, r[dim]),
      },
      ...columns.flatMap((c): Column<MetricRow>[] => {
        const def = defOf(c.metric);
        if (!def) return [];
        const col: Column<MetricRow> = {
          key: c.metric,
          label: def.label[lang],
          numeric: true,
          value: (r) => num(r[c.metric]),
          render: (r) => (
            <span data-metric={c.metric} data-value={num(r[c.metric]) ?? ''}>
              {formatMetric(num(r[c.metric]), def.format, lang, meta.currency)}
            </span>
          ),
        };
        if (c.metric !== 'gmv') return [col];
        return [
          col,
          {
            key: 'share',
            label: t.share,
            numeric: true,
            value: (r) => (total ? (num(r.gmv) ?? 0) / total : null),
            render: (r) => (
              <span data-share>{formatPercent(total ? (num(r.gmv) ?? 0) / total : null, 1)}</span>
            ),
          },
          {
            key: 'gmv_mom',
            label: `${def.label[lang]} ${t.mom}`,
            numeric: true,
            value: (r) => num(r.gmv_mom),
            render: (r) => {
              const ch = num(r.gmv_mom);
              const dir = ch === null || ch === 0 ? 'flat' : ch > 0 ? 'up' : 'down';
              return (
                <span class={`delta-${dir}`}>
                  {formatDelta(num(r.gmv), num(r.gmv_mom_base), ch, def.format, lang)}
                </span>
              );
            },
          },
        ];
      }),
    ];
    const top = data.slice(0, CHART_BARS).reverse();
    const fmt = (v: unknown) => formatMetric(num(v), 'money', lang, meta.currency);
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatAxisMoney(v, lang, meta.currency) },
      },
      yAxis: {
        type: 'category',
        data: top.map((r) => valueLabel(dim, r[dim])),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [{ type: 'bar', name: labelOf(meta, lang, 'gmv'), data: top.map((r) => num(r.gmv)) }],
    };
    const byLabel = new Map(data.map((r) => [valueLabel(dim, r[dim]), r]));
    body = (
      <>
        <Chart
          option={option}
          height={Math.max(160, top.length * 26 + 24)}
          label={labelOf(meta, lang, dim)}
          onClick={(name) => {
            const r = byLabel.get(name);
            if (r) select(r);
          }}
        />
        <div class="table-bar">
          <p class="hint">
            {DRILL_CHILD[dim] ? t.drill_hint : t.filter_hint}
            {data.length >= ROW_LIMIT ? ` · ${t.top_n(ROW_LIMIT)}` : ''}
          </p>
          {url && (
            <a class="button" data-export="csv" href={url.replace('/api/query?', '/api/query.csv?')} download>
              {t.export_csv}
            </a>
          )}
        </div>
        <SortableTable
          columns={tableColumns}
          rows={data}
          sort={state.sort}
          onSort={(sort) => navigate({ sort })}
          onRowClick={select}
          rowKey={(r) => String(r[dim])}
          sortLabel={t.sort_by}
        />
      </>
    );
  }
  return (
    <section class="panel breakdown" data-dim={dim}>
      {tabs}
      {body}
    </section>
  );
}

export type { BreakdownDim };
