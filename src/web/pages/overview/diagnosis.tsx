import type { Cause, Explanation } from '../../../analyses/explain/index.js';
import { formatMoney } from '../../../report/format/money.js';
import { formatChange, formatPp } from '../../../report/format/percent.js';
import { useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { ReportLink } from '../../components/report-link.js';
import { MissingTables, Status, WholeShop } from '../../components/status.js';
import { formatAxisMoney, formatMetric } from '../../format-metric.js';
import { wholeMonth } from '../../state/panel-month.js';
import { DIAGNOSED, type Lang } from '../../state/view-state.js';

/** Causes drawn in the chart (the table lists them all). */
const CHART_CAUSES = 8;

/** Colours of a rise and a fall (Chinese convention: red up, green down). */
export function signColors(lang: Lang): { up: string; down: string } {
  return lang === 'zh' ? { up: '#d83931', down: '#0e9f6e' } : { up: '#0e9f6e', down: '#d83931' };
}

/** A contribution to the change: money signed (+¥1.2万), rates in points (−0.35 pp). */
export function formatContribution(v: number | null, format: string, lang: Lang, currency: string): string {
  if (v === null) return '—';
  if (format === 'percent') return formatPp(v, lang, 2);
  if (format === 'money') {
    const text = formatMoney(v, lang, { currency });
    return Math.round(v * 100) > 0 ? `+${text}` : text;
  }
  const text = formatMetric(v, format as 'integer', lang, currency);
  return v > 0 ? `+${text}` : text;
}

/**
 * 问题诊断: why the metric moved between the page's month and the month before — the change, the GMV
 * factor split (visitors × conversion × 客单价, as a waterfall) and the ranked causes along the
 * dimension that explains it best (mix and rate effects; they add up to the change exactly), from
 * GET /api/explain. Links to the report's diagnosis section.
 */
export function DiagnosisPanel() {
  const { state, meta, period, t, navigate } = useApp();
  const lang = state.lang;
  const metric = state.diag;
  const missing = missingTables(meta, ['orders']);
  const month = wholeMonth(period);
  const q = new URLSearchParams({ metric, ...(month ? { month } : {}) });
  const res = useFetch<Explanation>(missing.length ? null : `/api/explain?${q}`);
  const fmt = (v: number | null) => formatMetric(v, metricFormat(meta, metric), lang, meta.currency);

  const head = (
    <header class="panel-head">
      <h2>{t.diagnosis}</h2>
      <fieldset class="seg">
        <legend class="sr-only">{t.diagnosis}</legend>
        {DIAGNOSED.map((m) => (
          <button
            type="button"
            key={m}
            data-diag={m}
            aria-pressed={m === metric}
            onClick={() => navigate({ diag: m })}
          >
            {labelOf(meta, lang, m)}
          </button>
        ))}
      </fieldset>
    </header>
  );
  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (res.state === 'loading') body = <Status kind="loading" />;
  else if (res.state === 'error') {
    body = (
      <Status kind={res.code === 'NO_DATA' || res.code === 'QUERY_INVALID' ? 'empty' : 'error'}>
        <span class="status-detail">{res.message}</span>
      </Status>
    );
  } else {
    const e = res.data;
    const contribution = (v: number | null) => formatContribution(v, e.format, lang, meta.currency);
    const change =
      e.format === 'percent'
        ? formatPp(e.change, lang, 2)
        : `${contribution(e.change)} (${formatChange(e.relativeChange, 1)})`;
    const shown = e.period.current.from.slice(0, 7);
    const base = e.period.previous.from.slice(0, 7);
    body = (
      <div data-explain={e.metric} data-month={shown} data-change={e.change ?? ''}>
        <p class="diag-summary">
          <span class="muted">{t.diag_summary(e.label[lang], shown, base)}</span>{' '}
          <strong>
            {fmt(e.previous)} → {fmt(e.current)}
          </strong>{' '}
          <span class={`delta delta-${(e.change ?? 0) > 0 ? 'up' : (e.change ?? 0) < 0 ? 'down' : 'flat'}`}>
            {change}
          </span>
        </p>
        {e.factors && <Factors e={e} />}
        <Causes e={e} contribution={contribution} />
        <ReportLink
          lang={lang}
          month={month ? shown : null}
          section="diagnosis"
          label={t.in_report_diagnosis}
        />
      </div>
    );
  }
  return (
    <section class="panel diagnosis" data-panel="diagnosis">
      {head}
      <WholeShop />
      {body}
    </section>
  );
}

function metricFormat(meta: { metrics: Array<{ name: string; format: string }> }, name: string) {
  return (meta.metrics.find((m) => m.name === name)?.format ?? 'number') as 'money';
}

/** The GMV change as a waterfall: previous → traffic → conversion → 客单价 → current. */
function Factors({ e }: { e: Explanation }) {
  const { state, meta, t } = useApp();
  const lang = state.lang;
  const f = e.factors;
  if (!f || e.previous === null || e.current === null) return null;
  const money = (v: number) => formatMoney(v, lang, { currency: meta.currency });
  const signed = (v: number) => formatContribution(v, 'money', lang, meta.currency);
  const steps = [
    { key: 'visitors', name: t.factor_visitors, value: f.visitors },
    { key: 'conversion', name: t.factor_conversion, value: f.conversion },
    { key: 'atv', name: t.factor_atv, value: f.atv },
  ];
  const colors = signColors(lang);
  const names = [t.previous, ...steps.map((s) => s.name), t.current];
  const base: number[] = [0];
  const bars: Array<{ value: number; itemStyle: { color: string } }> = [
    { value: e.previous, itemStyle: { color: '#8f959e' } },
  ];
  let running = e.previous;
  for (const s of steps) {
    base.push(Math.min(running, running + s.value));
    bars.push({
      value: Math.abs(s.value),
      itemStyle: { color: s.value >= 0 ? colors.up : colors.down },
    });
    running += s.value;
  }
  base.push(0);
  bars.push({ value: e.current, itemStyle: { color: '#3370ff' } });
  const labels = [money(e.previous), ...steps.map((s) => signed(s.value)), money(e.current)];
  const option: ChartOption = {
    animation: false,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p) => {
        const i = (Array.isArray(p) ? p[0] : p).dataIndex ?? 0;
        return `${names[i]}: ${labels[i]}`;
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, hideOverlap: false } },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => formatAxisMoney(v, lang, meta.currency) },
    },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, silent: true },
      {
        type: 'bar',
        stack: 'w',
        data: bars,
        barMaxWidth: 48,
        label: { show: true, position: 'top', formatter: (p) => labels[p.dataIndex ?? 0], fontSize: 11 },
      },
    ],
  };
  return (
    <>
      <h3>{t.gmv_factors}</h3>
      <Chart option={option} height={220} label={t.gmv_factors} />
      <table class="compact" data-factors-table>
        <thead>
          <tr>
            <th>{t.factor}</th>
            <th class="num">{t.contribution}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.key} data-factor={s.key} data-value={s.value}>
              <td>{s.name}</td>
              <td class="num">{signed(s.value)}</td>
            </tr>
          ))}
          <tr class="total" data-factor="total" data-value={e.change ?? ''}>
            <td>{t.total}</td>
            <td class="num">{signed(e.change ?? 0)}</td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

/** The ranked causes along the best dimension: mix and rate effects per value, chart and table. */
function Causes({ e, contribution }: { e: Explanation; contribution: (v: number | null) => string }) {
  const { state, meta, t } = useApp();
  const lang = state.lang;
  if (!e.dimension || e.causes.length === 0) return <Status kind="empty">{t.no_causes}</Status>;
  const dimLabel = e.dimension
    .split(' × ')
    .map((d) => labelOf(meta, lang, d))
    .join(' × ');
  const name = (c: Cause) => (c.kind === 'overlap' ? t.overlap : c.value || t.none);
  const top = e.causes.filter((c) => c.kind === 'value').slice(0, CHART_CAUSES);
  const axis =
    e.format === 'percent'
      ? (v: number) => formatPp(v, lang, 1)
      : (v: number) => formatAxisMoney(v, lang, meta.currency);
  const option: ChartOption = {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [t.mix, t.rate] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => contribution(Number(v)),
    },
    xAxis: { type: 'value', axisLabel: { formatter: axis, hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map(name),
      axisLabel: { width: 130, overflow: 'truncate' },
    },
    series: [
      {
        name: t.mix,
        type: 'bar',
        stack: 'c',
        data: top.map((c) => c.mix),
        color: '#8fb0ff',
        barMaxWidth: 16,
      },
      {
        name: t.rate,
        type: 'bar',
        stack: 'c',
        data: top.map((c) => c.rate),
        color: '#3370ff',
        barMaxWidth: 16,
      },
    ],
  };
  const title = t.causes_by(dimLabel);
  return (
    <>
      <h3>{title}</h3>
      <Chart option={option} height={Math.max(150, 50 + top.length * 30)} label={title} />
      <div class="table-wrap">
        <table class="compact" data-causes-table data-dimension={e.dimension}>
          <thead>
            <tr>
              <th>{t.value}</th>
              <th class="hide-narrow">{t.dimension}</th>
              <th class="num">{t.mix}</th>
              <th class="num">{t.rate}</th>
              <th class="num">{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {e.causes.map((c, i) => (
              <tr
                key={i}
                data-cause={c.kind === 'overlap' ? '' : (c.value ?? '')}
                data-kind={c.kind}
                data-mix={c.mix}
                data-rate={c.rate}
                data-total={c.total}
              >
                <td>{name(c)}</td>
                <td class="hide-narrow">{dimLabel}</td>
                <td class="num">{contribution(c.mix)}</td>
                <td class="num">{contribution(c.rate)}</td>
                <td class="num">{contribution(c.total)}</td>
              </tr>
            ))}
            <tr class="total">
              <td>{t.total}</td>
              <td class="hide-narrow" />
              <td />
              <td />
              <td class="num">{contribution(e.change)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
