import type { AnomalyCause, AnomalyResult, GmvFactor } from '../../../analyses/anomalies/index.js';
import { formatChange, formatNumber } from '../../../report/format/percent.js';
import { useFetch } from '../../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../../app-context.js';
import { ReportLink } from '../../components/report-link.js';
import { Failed, MissingTables, Status, WholeShop } from '../../components/status.js';
import { formatMetric } from '../../format-metric.js';
import { wholeMonth } from '../../state/panel-month.js';

/** Longest period the API checks. */
const MAX_DAYS = 366;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

/** Consecutive calendar days of one name as ranges (双11 10-24 … 10-31). */
function knownRanges(known: AnomalyResult['known']): Array<{ name: string; from: string; to: string }> {
  const out: Array<{ name: string; from: string; to: string }> = [];
  for (const k of known) {
    const last = out[out.length - 1];
    if (last && last.name === k.name && days(last.to, k.date) === 2) last.to = k.date;
    else out.push({ name: k.name, from: k.date, to: k.date });
  }
  return out;
}

/**
 * 异常监测: the days of the page's period whose GMV, orders, buyers, visitors, conversion or 客单价
 * left their seasonal baseline (GET /api/anomalies, docs/diagnosis.md): runs of days, each flagged day
 * with its change, robust z and likely cause, calendar days that were expected to be unusual, and
 * likely stock-outs.
 */
export function AnomaliesPanel() {
  const { state, meta, period, t } = useApp();
  const lang = state.lang;
  const missing = missingTables(meta, ['orders']);
  const month = wholeMonth(period);
  const tooLong = days(period.from, period.to) > MAX_DAYS;
  const q = month ? `month=${month}` : `from=${period.from}&to=${period.to}`;
  const res = useFetch<AnomalyResult>(missing.length || tooLong ? null : `/api/anomalies?${q}`);
  const label = (m: string) => labelOf(meta, lang, m);
  const value = (m: string, v: number | null) =>
    formatMetric(
      v,
      (meta.metrics.find((x) => x.name === m)?.format ?? 'number') as 'money',
      lang,
      meta.currency,
    );
  const factorName = (f: GmvFactor | null) =>
    f === null
      ? ''
      : f === 'traffic'
        ? t.factor_visitors
        : f === 'conversion'
          ? t.factor_conversion
          : f === 'atv'
            ? t.factor_atv
            : t.factor_spend;
  const cause = (c: AnomalyCause | null, f: GmvFactor | null = null) => {
    const parts: string[] = [];
    if (c) {
      parts.push(
        c.broad
          ? t.broad
          : `${label(c.dimension)} ${valueName(c.dimension, c.value)}${c.shareOfChange === null ? '' : ` (${formatChange(c.shareOfChange, 0).replace(/^\+/, '')})`}`,
      );
    }
    if (f) parts.push(factorName(f));
    return parts.join(' · ') || '—';
  };
  const md = (d: string) => d.slice(5);
  const valueName = (dim: string, v: string) =>
    dim === 'customer_type' && (v === 'new' || v === 'returning') ? t[v] : v || t.none;
  const list = (xs: string[]) => xs.join(lang === 'zh' ? '、' : ', ');

  let body: preact.ComponentChildren;
  if (missing.length) body = <MissingTables tables={missing} />;
  else if (tooLong) body = <Status kind="empty">{t.too_long}</Status>;
  else if (res.state === 'loading') body = <Status kind="loading" />;
  else if (res.state === 'error') {
    body = <Failed code={res.code} message={res.message} />;
  } else {
    const r = res.data;
    const ranges = knownRanges(r.known);
    // single days are in the table already
    const runs = r.runs.filter((x) => x.days > 1);
    body = (
      <div data-anomalies={r.anomalies.length} data-period={`${r.period.from}..${r.period.to}`}>
        <p class="muted" data-anomaly-summary>
          {r.anomalies.length === 0 ? t.no_anomalies : t.anomaly_summary(r.anomalies.length, r.threshold)}
        </p>
        {runs.length > 0 && (
          <>
            <h3>{t.runs}</h3>
            <ul class="plain" data-runs>
              {runs.map((x) => (
                <li key={`${x.metric}${x.from}`} data-run={x.metric}>
                  <span class={`delta delta-${x.direction}`}>{formatChange(x.change, 1)}</span>{' '}
                  {label(x.metric)} {md(x.from)} – {md(x.to)} ({t.days_n(x.days)}) · {cause(x.cause)}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.anomalies.length > 0 && (
          <div class="table-wrap">
            <table class="compact" data-anomaly-table>
              <thead>
                <tr>
                  <th>{t.date}</th>
                  <th>{t.metric}</th>
                  <th class="num">{t.change}</th>
                  <th>{t.likely_cause}</th>
                  <th class="num">{t.actual_expected}</th>
                  <th class="num">z</th>
                </tr>
              </thead>
              <tbody>
                {r.anomalies.map((a) => (
                  <tr
                    key={`${a.date}${a.metric}`}
                    data-date={a.date}
                    data-metric={a.metric}
                    data-change={a.change}
                    data-value={a.value}
                  >
                    <td>{md(a.date)}</td>
                    <td>{label(a.metric)}</td>
                    <td class={`num delta-${a.direction}`}>{formatChange(a.change, 1)}</td>
                    <td class="cause">{cause(a.cause, a.factor)}</td>
                    <td class="num">
                      {value(a.metric, a.value)} / {value(a.metric, a.expected)}
                    </td>
                    <td class="num">{formatNumber(a.z, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {ranges.length > 0 && (
          <p class="hint" data-known>
            {t.known_days}:{' '}
            {ranges
              .map((k) => `${k.name} ${md(k.from)}${k.to !== k.from ? `–${md(k.to)}` : ''}`)
              .join(lang === 'zh' ? '；' : '; ')}
          </p>
        )}
        {r.stockouts.length > 0 && (
          <>
            <h3>{t.stockouts}</h3>
            <ul class="plain" data-stockouts>
              {r.stockouts.map((s) => (
                <li key={`${s.sku}${s.from}`} data-sku={s.sku}>
                  {t.stockout_line(s.sku, md(s.from), md(s.to), s.days)}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.unscored.length > 0 && <p class="hint">{t.unscored(list(r.unscored.map(label)))}</p>}
        <ReportLink lang={lang} month={month} section="anomalies" label={t.in_report_anomalies} />
      </div>
    );
  }
  return (
    <section class="panel anomalies" data-panel="anomalies">
      <header class="panel-head">
        <h2>{t.anomalies}</h2>
      </header>
      <WholeShop />
      {body}
    </section>
  );
}
