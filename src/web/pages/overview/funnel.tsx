import type { Funnel, FunnelResult } from '../../../analyses/funnel/index.js';
import { formatCount } from '../../../report/format/money.js';
import { formatPercent, formatPp } from '../../../report/format/percent.js';
import { useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { ReportLink } from '../../components/report-link.js';
import { Failed, MissingTables, Status } from '../../components/status.js';
import { wholeMonth } from '../../state/panel-month.js';
import type { FilterDim } from '../../state/view-state.js';

/** Page filters the funnel follows (traffic exists by channel and device only). */
const SPLITS = ['channel', 'device'] as const;

/**
 * 转化漏斗: visitors → product views → add-to-cart → checkout → paid buyers of the page's month
 * against the month before, for the shop or the channel/device the page is filtered by (GET
 * /api/funnel): step conversion, its change in points and the share of visitors left.
 */
export function FunnelPanel() {
  const { state, meta, period, t } = useApp();
  const lang = state.lang;
  const missing = missingTables(meta, ['traffic_daily', 'orders']);
  const active = (Object.keys(state.filters) as FilterDim[]).filter((d) => state.filters[d]);
  const unsupported = active.filter((d) => !(SPLITS as readonly string[]).includes(d));
  const by = SPLITS.filter((d) => state.filters[d]);
  const month = wholeMonth(period);
  const q = new URLSearchParams({ ...(month ? { month } : {}), ...(by.length ? { by: by.join(',') } : {}) });
  const ok = missing.length === 0 && unsupported.length === 0;
  const res = useFetch<FunnelResult>(ok ? `/api/funnel?${q}` : null);

  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (unsupported.length) {
    body = (
      <Status kind="empty">
        <span>{t.not_for_filter(unsupported.map((d) => labelOf(meta, lang, d)).join(', '))}</span>
      </Status>
    );
  } else if (res.state === 'loading') body = <Status kind="loading" />;
  else if (res.state === 'error') {
    body = <Failed code={res.code} message={res.message} />;
  } else {
    const r = res.data;
    const f: Funnel | undefined = by.length
      ? r.groups.find((g) => by.every((d) => g.values[d] === state.filters[d]))
      : r.total;
    const shown = r.period.current.from.slice(0, 7);
    body =
      !f || f.steps[0].value === 0 ? (
        <Status kind="empty" />
      ) : (
        <FunnelView f={f} missing={r.missing} month={shown} base={r.period.previous.from.slice(0, 7)} />
      );
    body = (
      <>
        {body}
        <ReportLink
          lang={lang}
          month={month ? shown : null}
          section="channels"
          label={t.in_report_channels}
        />
      </>
    );
  }
  return (
    <section class="panel funnel" data-panel="funnel">
      <header class="panel-head">
        <h2>{t.funnel}</h2>
        {by.length > 0 && <span class="muted">{by.map((d) => state.filters[d]).join(' × ')}</span>}
      </header>
      {body}
    </section>
  );
}

function FunnelView(props: { f: Funnel; missing: string[]; month: string; base: string }) {
  const { state, meta, t } = useApp();
  const lang = state.lang;
  const { f } = props;
  const label = (step: string) => labelOf(meta, lang, step);
  const count = (v: number) => formatCount(v, lang);
  const pct = (v: number | null) => formatPercent(v, 1);
  const option: ChartOption = {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [props.month, props.base] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => count(Number(v)) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => count(v), hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: f.steps.map((s) => label(s.step)),
      axisLabel: { width: 130, overflow: 'truncate' },
    },
    series: [
      {
        name: props.month,
        type: 'bar',
        data: f.steps.map((s) => s.value),
        color: '#3370ff',
        barMaxWidth: 14,
      },
      {
        name: props.base,
        type: 'bar',
        data: f.steps.map((s) => s.previous),
        color: '#c9cdd4',
        barMaxWidth: 14,
      },
    ],
  };
  const dir = (v: number | null) => (v === null || v === 0 ? 'flat' : v > 0 ? 'up' : 'down');
  return (
    <div data-funnel-month={props.month}>
      <Chart option={option} height={Math.max(140, 50 + f.steps.length * 34)} label={t.funnel} />
      <div class="table-wrap">
        <table class="compact" data-funnel-table>
          <thead>
            <tr>
              <th>{t.step}</th>
              <th class="num">{props.month}</th>
              <th class="num">{t.step_rate}</th>
              <th class="num">{t.rate_change}</th>
              <th class="num">{props.base}</th>
              <th class="num">
                {t.step_rate} ({props.base})
              </th>
              <th class="num">{t.of_visitors}</th>
            </tr>
          </thead>
          <tbody>
            {f.steps.map((s) => (
              <tr
                key={s.step}
                data-step={s.step}
                data-value={s.value}
                data-previous={s.previous}
                data-rate={s.rate ?? ''}
              >
                <td>{label(s.step)}</td>
                <td class="num">{count(s.value)}</td>
                <td class="num">{s.rate === null ? '' : pct(s.rate)}</td>
                <td class={`num delta-${dir(s.rateChange)}`}>
                  {s.rateChange === null ? '' : formatPp(s.rateChange, lang, 1)}
                </td>
                <td class="num">{count(s.previous)}</td>
                <td class="num">{s.previousRate === null ? '' : pct(s.previousRate)}</td>
                <td class="num">{pct(s.ofVisitors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {f.weakest && <p class="hint">{t.weakest(label(f.weakest))}</p>}
      {props.missing.length > 0 && (
        <p class="hint" data-funnel-missing>
          {t.funnel_missing(props.missing.map(label).join(lang === 'zh' ? '、' : ', '))}
        </p>
      )}
    </div>
  );
}
