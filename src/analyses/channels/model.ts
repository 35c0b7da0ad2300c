import type { MetricRow } from '../../metrics/types.js';

/** The metrics of the channel table (渠道表现), in column order. */
export const CHANNEL_METRICS = [
  'visitors',
  'conversion',
  'buyers',
  'gmv',
  'atv',
  'new_buyers',
  'new_buyer_share',
  'spend',
  'roas',
  'cac',
  'cpc',
  'ctr',
] as const;
export type ChannelMetric = (typeof CHANNEL_METRICS)[number];
const PAID_ONLY: ChannelMetric[] = ['roas', 'cac', 'cpc', 'ctr'];

export interface Compared {
  value: number | null;
  /** Value in the month before / the same month last year (null when unknown). */
  mom: number | null;
  yoy: number | null;
}

export interface ChannelRow {
  channel: string;
  /** Channels with spend in the month or the month before. */
  paid: boolean;
  metrics: Record<ChannelMetric, Compared>;
  /** Share of the shop's visitors and GMV (of the sum over channels), current and month before. */
  visitorShare: Compared;
  gmvShare: Compared;
}

const val = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function compared(row: MetricRow | undefined, m: string): Compared {
  return { value: val(row?.[m]), mom: val(row?.[`${m}_mom_base`]), yoy: val(row?.[`${m}_yoy_base`]) };
}

function share(x: Compared, total: Compared): Compared {
  const part = (a: number | null, b: number | null) => (a === null || !b ? null : a / b);
  return { value: part(x.value, total.value), mom: part(x.mom, total.mom), yoy: part(x.yoy, total.yoy) };
}

const sumOf = (rows: MetricRow[], field: string) => rows.reduce((a, r) => a + (val(r[field]) ?? 0), 0);

/** Channel rows from a query by channel with `compare: ['mom', 'yoy']`, largest GMV first. */
export function channelRows(rows: MetricRow[]): ChannelRow[] {
  const totals = (m: string): Compared => ({
    value: sumOf(rows, m),
    mom: sumOf(rows, `${m}_mom_base`),
    yoy: sumOf(rows, `${m}_yoy_base`),
  });
  const visitors = totals('visitors');
  const gmv = totals('gmv');
  const out = rows.map((row): ChannelRow => {
    const metrics = Object.fromEntries(
      CHANNEL_METRICS.map((m) => [m, compared(row, m)]),
    ) as ChannelRow['metrics'];
    const paid = (metrics.spend.value ?? 0) > 0 || (metrics.spend.mom ?? 0) > 0;
    // Without spend, ROAS, CAC, CPC and CTR mean nothing (the metric layer gives 0 ÷ … = 0).
    if (!paid) for (const m of PAID_ONLY) metrics[m] = { value: null, mom: null, yoy: null };
    return {
      channel: String(row.channel ?? ''),
      paid,
      metrics,
      visitorShare: share(metrics.visitors, visitors),
      gmvShare: share(metrics.gmv, gmv),
    };
  });
  return out.sort(
    (a, b) => (b.metrics.gmv.value ?? 0) - (a.metrics.gmv.value ?? 0) || a.channel.localeCompare(b.channel),
  );
}

/** Relative change (value − base) ÷ base; null when either is unknown or the base is 0. */
export function relativeChange(c: Compared, base: 'mom' | 'yoy'): number | null {
  const b = c[base];
  return c.value === null || b === null || b === 0 ? null : (c.value - b) / b;
}
