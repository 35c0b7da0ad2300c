import type { MetricDef } from '../../../metrics/types.js';
import { formatPercent } from '../../../report/format/percent.js';
import { useApp } from '../../app-context.js';
import { Sparkline } from '../../components/sparkline.js';
import { formatDelta, formatMetric } from '../../format-metric.js';

export interface KpiValues {
  value: number | null;
  mom: number | null;
  momBase: number | null;
  yoy: number | null;
  yoyBase: number | null;
  target: number | null;
  spark: Array<number | null>;
}

function direction(cur: number | null, base: number | null): 'up' | 'down' | 'flat' {
  if (cur === null || base === null || cur === base) return 'flat';
  return cur > base ? 'up' : 'down';
}

/** One KPI: value, 环比 and 同比 (pp for rates), target completion and a daily sparkline. */
export function KpiCard(props: { def: MetricDef; values?: KpiValues; note?: string }) {
  const { state, t, meta } = useApp();
  const { def, values: v } = props;
  const lang = state.lang;
  const delta = (kind: 'mom' | 'yoy') => {
    if (!v) return null;
    const base = kind === 'mom' ? v.momBase : v.yoyBase;
    const rel = kind === 'mom' ? v.mom : v.yoy;
    return (
      <span class={`delta delta-${direction(v.value, base)}`} data-delta={kind}>
        <span class="delta-label">{t[kind]}</span> {formatDelta(v.value, base, rel, def.format, lang)}
      </span>
    );
  };
  return (
    <article class="kpi" data-kpi={def.name} data-value={v?.value ?? ''}>
      <h3 title={def.description[lang]}>{def.label[lang]}</h3>
      {props.note ? (
        <p class="kpi-note">{props.note}</p>
      ) : (
        <>
          <p class="kpi-value">{v ? formatMetric(v.value, def.format, lang, meta.currency) : '…'}</p>
          <p class="kpi-deltas">
            {delta('mom')}
            {delta('yoy')}
          </p>
          {v && v.target !== null && (
            <div class="kpi-target" data-target={v.target}>
              <span>
                {t.target} {formatPercent(v.target, 1)}
              </span>
              <span class="bar">
                <span class="bar-fill" style={{ width: `${Math.min(100, Math.max(0, v.target * 100))}%` }} />
              </span>
            </div>
          )}
          {v && <Sparkline values={v.spark} label={def.label[lang]} />}
        </>
      )}
    </article>
  );
}
