import type { ChannelPerformance, ChannelRow, Compared } from '../../../analyses/channels/index.js';
import { formatChange, formatPercent } from '../../../report/format/percent.js';
import { useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { ReportLink } from '../../components/report-link.js';
import { Failed, MissingTables, Status, WholeShop } from '../../components/status.js';
import { formatAxisMoney, formatMetric } from '../../format-metric.js';
import { wholeMonth } from '../../state/panel-month.js';

type Body = Omit<ChannelPerformance, 'sql'>;

/** Columns of the channel table: a metric of the row, or a share of the shop. */
const COLUMNS = [
  'visitors',
  'visitor_share',
  'conversion',
  'buyers',
  'gmv',
  'atv',
  'new_buyer_share',
  'spend',
  'roas',
  'cac',
  'gmv_mom',
] as const;
type Column = (typeof COLUMNS)[number];

const relative = (c: Compared) => (c.value === null || !c.mom ? null : (c.value - c.mom) / c.mom);

/**
 * 渠道表现: per channel visitors and share, conversion, buyers, GMV, 客单价, new-buyer share, spend, ROAS
 * (1:x in Chinese) and CAC of the page's month, with GMV 环比 (GET /api/channels); a click on a
 * channel filters the page by it.
 */
export function ChannelsPanel() {
  const { state, meta, period, t, navigate } = useApp();
  const lang = state.lang;
  const missing = missingTables(meta, ['orders']);
  const month = wholeMonth(period);
  const res = useFetch<Body>(missing.length ? null : `/api/channels${month ? `?month=${month}` : ''}`);
  const fmt = (metric: string, v: number | null) =>
    formatMetric(
      v,
      (meta.metrics.find((m) => m.name === metric)?.format ?? 'number') as 'money',
      lang,
      meta.currency,
    );
  const head = (c: Column) =>
    c === 'visitor_share' ? t.share : c === 'gmv_mom' ? t.gmv_mom : labelOf(meta, lang, c);
  const cell = (c: Column, r: Pick<ChannelRow, 'metrics' | 'paid'> & { visitorShare: Compared | null }) => {
    if (c === 'visitor_share') return formatPercent(r.visitorShare?.value ?? null, 1);
    if (c === 'gmv_mom') return formatChange(relative(r.metrics.gmv), 1);
    if ((c === 'roas' || c === 'cac') && !r.paid) return '—';
    return fmt(c, r.metrics[c].value);
  };

  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (res.state === 'loading') body = <Status kind="loading" />;
  else if (res.state === 'error') {
    body = <Failed code={res.code} message={res.message} />;
  } else if (res.data.channels.length === 0) body = <Status kind="empty" />;
  else {
    const r = res.data;
    const shown = r.period.from.slice(0, 7);
    const name = (c: ChannelRow) => c.channel || t.none;
    const gmvLabel = labelOf(meta, lang, 'gmv');
    const spendLabel = labelOf(meta, lang, 'spend');
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0, data: [gmvLabel, spendLabel] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => fmt('gmv', v === null || v === undefined ? null : Number(v)),
      },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatAxisMoney(v, lang, meta.currency), hideOverlap: true },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: r.channels.map(name),
        axisLabel: { width: 130, overflow: 'truncate' },
      },
      series: [
        {
          name: gmvLabel,
          type: 'bar',
          data: r.channels.map((c) => c.metrics.gmv.value),
          color: '#3370ff',
          barMaxWidth: 14,
        },
        {
          name: spendLabel,
          type: 'bar',
          data: r.channels.map((c) => (c.paid ? c.metrics.spend.value : null)),
          color: '#f7ba1e',
          barMaxWidth: 14,
        },
      ],
    };
    const total = { metrics: r.total as ChannelRow['metrics'], paid: true, visitorShare: null };
    body = (
      <>
        <Chart
          option={option}
          height={Math.max(150, 50 + r.channels.length * 34)}
          label={t.channels}
          onClick={(c) => c && c !== t.none && navigate({ filters: { ...state.filters, channel: c } })}
        />
        <div class="table-wrap">
          <table data-channels-table data-month={shown}>
            <thead>
              <tr>
                <th>{t.channel}</th>
                {COLUMNS.map((c) => (
                  <th class="num" key={c}>
                    {head(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.channels.map((c) => (
                <tr
                  key={c.channel}
                  class="clickable"
                  tabIndex={0}
                  data-channel={c.channel}
                  data-gmv={c.metrics.gmv.value ?? ''}
                  data-roas={c.metrics.roas.value ?? ''}
                  onClick={() => navigate({ filters: { ...state.filters, channel: c.channel } })}
                  onKeyDown={(ev) => {
                    if (ev.key === 'Enter') navigate({ filters: { ...state.filters, channel: c.channel } });
                  }}
                >
                  <td>{name(c)}</td>
                  {COLUMNS.map((col) => (
                    <td class="num" key={col} data-col={col}>
                      {cell(col, c)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr class="total" data-channel-total data-gmv={r.total.gmv.value ?? ''}>
                <td>{t.total}</td>
                {COLUMNS.map((col) => (
                  <td class="num" key={col} data-col={col}>
                    {col === 'visitor_share' ? '100.0%' : cell(col, total)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <p class="hint">{t.filter_hint}</p>
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
    <section class="panel channels" data-panel="channels">
      <header class="panel-head">
        <h2>{t.channels}</h2>
      </header>
      <WholeShop />
      {body}
    </section>
  );
}
