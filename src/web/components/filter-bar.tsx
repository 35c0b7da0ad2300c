import { queryUrl } from '../api/query-url.js';
import type { MetricRow } from '../api/types.js';
import { useFetch } from '../api/use-fetch.js';
import { labelOf, missingTables, useApp } from '../app-context.js';
import { PRESETS } from '../state/date-presets.js';
import { FILTER_DIMS, type FilterDim } from '../state/view-state.js';

/** Filters with a drop-down (SKU and new/returning are set by clicking a breakdown row). */
const SELECT_DIMS: Array<{ dim: FilterDim; tables: Array<'orders' | 'order_lines' | 'products'> }> = [
  { dim: 'channel', tables: ['orders'] },
  { dim: 'category', tables: ['order_lines', 'products'] },
  { dim: 'device', tables: ['orders'] },
  { dim: 'province', tables: ['orders'] },
];

function DimSelect(props: { dim: FilterDim }) {
  const { state, meta, navigate, t } = useApp();
  const range = meta.dataRange;
  // The choices: every value with sales in the data, biggest first.
  const values = useFetch<MetricRow[]>(
    range
      ? queryUrl({ metrics: ['gmv'], by: [props.dim], period: range, sort: { field: 'gmv', desc: true } })
      : null,
  );
  const current = state.filters[props.dim] ?? '';
  const options =
    values.state === 'ready' ? values.data.map((r) => r[props.dim]).filter((v) => v !== null) : [];
  if (current && !options.includes(current)) options.unshift(current);
  const label = labelOf(meta, state.lang, props.dim);
  return (
    <label class="select">
      <span>{label}</span>
      <select
        data-filter={props.dim}
        value={current}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          navigate({ filters: { ...state.filters, [props.dim]: v || undefined } });
        }}
      >
        <option value="">{t.all}</option>
        {options.map((v) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Period presets (relative to the latest data date), custom dates and the dimension filters. */
export function FilterBar() {
  const { state, meta, period, today, navigate, t } = useApp();
  const lang = state.lang;
  const active = FILTER_DIMS.filter((d) => state.filters[d]);
  const chipText = (d: FilterDim) => {
    const v = state.filters[d] ?? '';
    return d === 'customer_type' && (v === 'new' || v === 'returning') ? t[v] : v;
  };
  return (
    <section class="filters" aria-label={t.filters}>
      <fieldset class="seg presets">
        <legend class="sr-only">{t.period}</legend>
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p}
            data-preset={p}
            aria-pressed={state.preset === p}
            onClick={() =>
              navigate(p === 'custom' ? { preset: p, from: period.from, to: period.to } : { preset: p })
            }
          >
            {t[p]}
          </button>
        ))}
      </fieldset>
      <div class="dates">
        {state.preset === 'custom' ? (
          <>
            <label class="select">
              <span>{t.from}</span>
              <input
                type="date"
                data-date="from"
                value={period.from}
                max={period.to}
                onChange={(e) => navigate({ from: (e.currentTarget as HTMLInputElement).value || undefined })}
              />
            </label>
            <label class="select">
              <span>{t.to}</span>
              <input
                type="date"
                data-date="to"
                value={period.to}
                min={period.from}
                onChange={(e) => navigate({ to: (e.currentTarget as HTMLInputElement).value || undefined })}
              />
            </label>
          </>
        ) : (
          <span class="period" data-period={`${period.from}..${period.to}`}>
            {period.from} – {period.to}
          </span>
        )}
        <span class="muted">{t.data_until(today)}</span>
      </div>
      <div class="selects">
        {SELECT_DIMS.filter((s) => missingTables(meta, s.tables).length === 0).map((s) => (
          <DimSelect key={s.dim} dim={s.dim} />
        ))}
      </div>
      {active.length > 0 && (
        <div class="chips">
          {active.map((d) => (
            <button
              type="button"
              key={d}
              class="chip"
              data-chip={d}
              title={t.remove_filter}
              onClick={() => navigate({ filters: { ...state.filters, [d]: undefined } })}
            >
              {labelOf(meta, lang, d)}: {chipText(d)} ×
            </button>
          ))}
          <button type="button" class="chip clear" onClick={() => navigate({ filters: {} })}>
            {t.clear}
          </button>
        </div>
      )}
    </section>
  );
}
