import { addDays } from '../../../metrics/period.js';
import { useFetch } from '../../api/use-fetch.js';
import { missingTables, useApp } from '../../app-context.js';
import { Chart } from '../../charts/chart.js';
import type { ChartOption } from '../../charts/echarts.js';
import { MissingTables, Status } from '../../components/status.js';
import { formatMetric } from '../../format-metric.js';

/** GET /api/customers/cohorts (src/server/routes/customers.ts). */
interface CohortsBody {
  month: string;
  cohorts: Array<{
    cohort: string;
    size: number;
    active: Array<number | null>;
    retention: Array<number | null>;
  }>;
}

/** GET /api/customers/rfm. */
interface RfmBody {
  month: string;
  asOf: string;
  segments: Array<{
    segment: string;
    zh: string;
    en: string;
    customers: number;
    gmv: number;
    customerShare: number;
  }>;
}

const OFFSETS = 6;

/** The month on screen when the period is one whole month; otherwise the server's last complete month. */
function monthQuery(from: string, to: string): string {
  const whole = from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7) && addDays(to, 1).endsWith('-01');
  return whole ? `?month=${from.slice(0, 7)}` : '';
}

/** Light to the primary colour by retention (the scale of the report's heatmap). */
function heat(v: number, max: number): string {
  const a = max > 0 ? Math.min(1, v / max) : 0;
  return `rgba(47, 95, 208, ${(0.08 + a * 0.55).toFixed(3)})`;
}

/**
 * 客户洞察: the cohort retention heatmap (months 1–6 after the first purchase) and the RFM segments
 * (chart and table) of the month, the same numbers as the report's customer section it links to.
 */
export function CustomersPanel() {
  const { state, meta, period, t } = useApp();
  const missing = missingTables(meta, ['orders']);
  const q = monthQuery(period.from, period.to);
  const cohorts = useFetch<CohortsBody>(missing.length ? null : `/api/customers/cohorts${q}`);
  const rfm = useFetch<RfmBody>(missing.length ? null : `/api/customers/rfm${q}`);
  const pct = (v: number | null | undefined) => formatMetric(v ?? null, 'percent', state.lang);
  const count = (v: number) => formatMetric(v, 'integer', state.lang);

  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (cohorts.state === 'error') body = <Status kind="error">{cohorts.message}</Status>;
  else if (rfm.state === 'error') body = <Status kind="error">{rfm.message}</Status>;
  else if (cohorts.state === 'loading' || rfm.state === 'loading') body = <Status kind="loading" />;
  else {
    const cs = cohorts.data.cohorts;
    const max = Math.max(0, ...cs.flatMap((c) => c.retention.slice(1).map((r) => r ?? 0)));
    const segments = rfm.data.segments.filter((s) => s.customers > 0);
    const name = (s: RfmBody['segments'][number]) => (state.lang === 'zh' ? s.zh : s.en);
    const option: ChartOption = {
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => count(Number(v)) },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: segments.map(name) },
      series: [{ name: t.customers, type: 'bar', data: segments.map((s) => s.customers), barMaxWidth: 14 }],
    };
    const report = `/api/report?${new URLSearchParams({ lang: state.lang, format: 'html', ...(q ? { month: cohorts.data.month } : {}) })}#customers`;
    body = (
      <>
        <h3>{t.cohort_retention(cohorts.data.month)}</h3>
        <div class="table-scroll">
          <table class="heatmap" data-cohort-table>
            <thead>
              <tr>
                <th>{t.cohort}</th>
                <th class="num">{t.new_buyers}</th>
                {Array.from({ length: OFFSETS }, (_, k) => (
                  <th class="num" key={k}>
                    {t.month_k(k + 1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cs.map((c) => (
                <tr key={c.cohort} data-cohort={c.cohort} data-size={c.size}>
                  <th scope="row">{c.cohort}</th>
                  <td class="num">{count(c.size)}</td>
                  {Array.from({ length: OFFSETS }, (_, i) => {
                    const r = c.retention[i + 1];
                    return (
                      <td
                        class="num"
                        key={i}
                        data-k={i + 1}
                        data-active={c.active[i + 1] ?? ''}
                        style={r === null || r === undefined ? undefined : { background: heat(r, max) }}
                      >
                        {r === null || r === undefined ? '' : pct(r)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t.rfm_segments(rfm.data.asOf)}</h3>
        <Chart
          option={option}
          height={Math.max(160, 40 + segments.length * 30)}
          label={t.rfm_segments(rfm.data.asOf)}
        />
        <table data-rfm-table>
          <thead>
            <tr>
              <th>{t.segment}</th>
              <th class="num">{t.customers}</th>
              <th class="num">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {segments.map((s) => (
              <tr key={s.segment} data-segment={s.segment} data-customers={s.customers}>
                <td>{name(s)}</td>
                <td class="num">{count(s.customers)}</td>
                <td class="num">{pct(s.customerShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a class="section-link" href={report} download data-report-section="customers">
            {t.in_report}
          </a>
        </p>
      </>
    );
  }
  return (
    <section class="panel customers" data-panel="customers">
      <header class="panel-head">
        <h2>{t.customer_insight}</h2>
      </header>
      {body}
    </section>
  );
}
