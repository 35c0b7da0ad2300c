import { monthPeriod, querySets } from '../../metrics/index.js';
import type { Period } from '../../metrics/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { CHANNEL_METRICS, type ChannelRow, type Compared, channelRows } from './model.js';

export {
  CHANNEL_METRICS,
  type ChannelMetric,
  type ChannelRow,
  type Compared,
  channelRows,
  relativeChange,
} from './model.js';

export interface ChannelPerformance {
  period: Period;
  channels: ChannelRow[];
  /** The whole shop (ratios over all channels; ROAS of all GMV, organic included, over all spend). */
  total: Record<string, Compared>;
  /** The statements that produced the numbers (traceability). */
  sql: string[];
}

/**
 * Channel performance (渠道表现) for a month: visitors and share, conversion, buyers, GMV and share,
 * 客单价, new buyers and their share, spend, ROAS, CAC, CPC and CTR, each with the month before and the
 * same month last year. One grouped statement of the metric layer (by channel, and the shop total).
 */
export async function channelPerformance(
  wh: Warehouse,
  opts: { month: string; weekStart?: 1 | 7 },
): Promise<ChannelPerformance> {
  const period = monthPeriod(opts.month);
  const spec = { metrics: [...CHANNEL_METRICS], period, compare: ['mom', 'yoy'] as Array<'mom' | 'yoy'> };
  const qo = { weekStart: opts.weekStart ?? 1 };
  // by channel and the shop total in one grouped statement
  const [byChannel, total] = await querySets(wh, spec, [['channel'], []], qo);
  const row = total.rows[0];
  const val = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    period,
    channels: channelRows(byChannel.rows),
    total: Object.fromEntries(
      CHANNEL_METRICS.map((m) => [
        m,
        { value: val(row?.[m]), mom: val(row?.[`${m}_mom_base`]), yoy: val(row?.[`${m}_yoy_base`]) },
      ]),
    ),
    sql: [...new Set([...byChannel.sql, ...total.sql])],
  };
}
