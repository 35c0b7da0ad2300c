import { isIsoDate, PRESETS, type Preset } from './date-presets.js';

export type Lang = 'zh' | 'en';
export type View = 'overview' | 'breakdown';
export type TrendGrain = 'day' | 'week' | 'month';
/** Metrics the diagnosis panel explains (those of the report's diagnosis section). */
export const DIAGNOSED = ['gmv', 'conversion', 'atv'] as const;
export type Diagnosed = (typeof DIAGNOSED)[number];

/** Dimensions a breakdown can show, in tab order. */
export const BREAKDOWN_DIMS = ['channel', 'category', 'device', 'province', 'customer_type'] as const;
/** Dimensions a filter can hold (the breakdowns plus what a drill-down reaches). */
export const FILTER_DIMS = ['channel', 'device', 'category', 'sku', 'province', 'customer_type'] as const;
export type FilterDim = (typeof FILTER_DIMS)[number];
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number] | 'sku';

/** Where a click on a breakdown row leads: channel → device, category → SKU. */
export const DRILL_CHILD: Partial<Record<BreakdownDim, BreakdownDim>> = {
  channel: 'device',
  category: 'sku',
};

/** Everything a view shows is in the address, so a link reproduces it. */
export interface ViewState {
  view: View;
  lang: Lang;
  preset: Preset;
  /** Only for the custom preset. */
  from?: string;
  to?: string;
  grain: TrendGrain;
  dim: BreakdownDim;
  /** The metric the diagnosis panel explains. */
  diag: Diagnosed;
  filters: Partial<Record<FilterDim, string>>;
  sort: { field: string; desc: boolean };
  /** Pins the day presets count from (default: the latest data date). */
  today?: string;
}

export const DEFAULT_STATE: ViewState = {
  view: 'overview',
  lang: 'zh',
  preset: 'this_month',
  grain: 'day',
  dim: 'channel',
  diag: 'gmv',
  filters: {},
  sort: { field: 'gmv', desc: true },
};

const SORT_FIELD = /^[a-z][a-z0-9_]{0,63}$/;

function oneOf<T extends string>(v: string | null, allowed: readonly T[], fallback: T): T {
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** Reads a view from a query string; anything unknown or malformed falls back to the default. */
export function parseViewState(search: string, defaults: ViewState = DEFAULT_STATE): ViewState {
  const q = new URLSearchParams(search);
  const filters: ViewState['filters'] = {};
  for (const d of FILTER_DIMS) {
    const v = q.get(d);
    if (v !== null && v !== '' && v.length <= 200) filters[d] = v;
  }
  const sortRaw = q.get('sort') ?? '';
  const desc = !sortRaw.startsWith('+');
  const sortField = sortRaw.replace(/^[+-]/, '');
  const state: ViewState = {
    view: oneOf(q.get('view'), ['overview', 'breakdown'], defaults.view),
    lang: oneOf(q.get('lang'), ['zh', 'en'], defaults.lang),
    preset: oneOf(q.get('preset'), PRESETS, defaults.preset),
    grain: oneOf(q.get('grain'), ['day', 'week', 'month'], defaults.grain),
    dim: oneOf(q.get('dim'), [...BREAKDOWN_DIMS, 'sku'], defaults.dim),
    diag: oneOf(q.get('diag'), DIAGNOSED, defaults.diag),
    filters,
    sort: SORT_FIELD.test(sortField) ? { field: sortField, desc } : defaults.sort,
  };
  if (state.preset === 'custom') {
    const from = q.get('from');
    const to = q.get('to');
    if (isIsoDate(from)) state.from = from;
    if (isIsoDate(to)) state.to = to;
  }
  const today = q.get('today');
  if (isIsoDate(today)) state.today = today;
  return state;
}

/** The query string of a view; defaults are left out so links stay short. */
export function serializeViewState(s: ViewState, defaults: ViewState = DEFAULT_STATE): string {
  const q = new URLSearchParams();
  if (s.view !== defaults.view) q.set('view', s.view);
  if (s.lang !== defaults.lang) q.set('lang', s.lang);
  if (s.preset !== defaults.preset) q.set('preset', s.preset);
  if (s.preset === 'custom') {
    if (s.from) q.set('from', s.from);
    if (s.to) q.set('to', s.to);
  }
  if (s.grain !== defaults.grain) q.set('grain', s.grain);
  if (s.dim !== defaults.dim) q.set('dim', s.dim);
  if (s.diag !== defaults.diag) q.set('diag', s.diag);
  for (const d of FILTER_DIMS) {
    const v = s.filters[d];
    if (v) q.set(d, v);
  }
  if (s.sort.field !== defaults.sort.field || s.sort.desc !== defaults.sort.desc) {
    q.set('sort', `${s.sort.desc ? '-' : '+'}${s.sort.field}`);
  }
  if (s.today) q.set('today', s.today);
  const text = q.toString();
  return text ? `?${text}` : '';
}
