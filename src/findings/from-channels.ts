import type { ChannelPerformance } from '../analyses/channels/index.js';
import type { FunnelResult } from '../analyses/funnel/index.js';
import type { MarginalRoi } from '../analyses/response-curve/index.js';
import { type Finding, n } from './finding.js';

/** Paid channels whose ROAS (GMV ÷ spend) is below 1 this month: money is being lost. */
export function findingsFromChannels(c: ChannelPerformance): Finding[] {
  const out: Finding[] = [];
  for (const row of c.channels) {
    const roas = row.metrics.roas.value;
    if (!row.paid || roas === null || roas >= 1) continue;
    const spend = row.metrics.spend.value ?? 0;
    const gmv = row.metrics.gmv.value ?? 0;
    out.push({
      id: `channel_roas_below_one.${row.channel}`,
      kind: 'channel_roas_below_one',
      metric: 'roas',
      metricFormat: 'ratio',
      dimension: 'channel',
      values: { channel: row.channel },
      numbers: {
        roas: n(roas, 'roas'),
        roasMom: n(row.metrics.roas.mom, 'roas'),
        spend: n(spend, 'money'),
        gmv: n(gmv, 'money'),
        shortfall: n(spend - gmv, 'money'),
      },
      severity: 'critical',
      impact: spend - gmv,
      action: 'cut_or_retarget_spend',
    });
  }
  return out;
}

/** The funnel step whose conversion fell most (shop level), when it fell by at least 1 point. */
export function findingsFromFunnel(f: FunnelResult): Finding[] {
  const step = f.total.steps.find((s) => s.step === f.total.weakest);
  if (!step || step.rateChange === null || step.rateChange > -0.01) return [];
  const i = f.total.steps.indexOf(step);
  return [
    {
      id: `funnel_step_drop.${step.step}`,
      kind: 'funnel_step_drop',
      metric: step.step,
      metricFormat: 'percent',
      values: { step: step.step, from: f.total.steps[i - 1].step },
      numbers: {
        rateFrom: n(step.previousRate, 'percent'),
        rateTo: n(step.rate, 'percent'),
        change: n(step.rateChange, 'pp'),
      },
      severity: 'warning',
      impact: step.rateChange,
      action: 'fix_funnel_step',
    },
  ];
}

/**
 * Marginal ROI: channels spending past their 临界值 (marginal ROAS < 1, critical) and the channel with
 * the most headroom (highest marginal ROAS ≥ 1.5 whose interval stays above 1), with the proposed daily
 * spend of the reallocation.
 */
export function findingsFromRoi(r: MarginalRoi): Finding[] {
  const out: Finding[] = [];
  for (const c of r.channels) {
    if (c.status !== 'over') continue;
    out.push({
      id: `spend_past_break_even.${c.channel}`,
      kind: 'spend_past_break_even',
      metric: 'spend',
      metricFormat: 'money',
      dimension: 'channel',
      values: { channel: c.channel },
      numbers: {
        dailySpend: n(c.dailySpend, 'money'),
        breakEven: n(c.breakEvenDailySpend.value, 'money'),
        marginalRoas: n(c.marginalRoas.value, 'number'),
        low: n(c.marginalRoas.low, 'number'),
        high: n(c.marginalRoas.high, 'number'),
        proposed: n(r.reallocation.proposed[c.channel], 'money'),
      },
      severity: 'critical',
      impact: c.dailySpend - (c.breakEvenDailySpend.value ?? 0),
      action: 'cut_or_retarget_spend',
    });
  }
  const room = r.channels
    .filter((c) => c.status === 'under' && c.marginalRoas.low > 1)
    .sort((a, b) => b.marginalRoas.value - a.marginalRoas.value)[0];
  if (room) {
    out.push({
      id: `spend_headroom.${room.channel}`,
      kind: 'spend_headroom',
      metric: 'spend',
      metricFormat: 'money',
      dimension: 'channel',
      values: { channel: room.channel },
      numbers: {
        dailySpend: n(room.dailySpend, 'money'),
        marginalRoas: n(room.marginalRoas.value, 'number'),
        low: n(room.marginalRoas.low, 'number'),
        high: n(room.marginalRoas.high, 'number'),
        proposed: n(r.reallocation.proposed[room.channel], 'money'),
        gain: n(r.reallocation.gainPerDay.value, 'moneyDelta'),
        gainLow: n(r.reallocation.gainPerDay.low, 'moneyDelta'),
        gainHigh: n(r.reallocation.gainPerDay.high, 'moneyDelta'),
      },
      severity: 'positive',
      impact: r.reallocation.gainPerDay.value,
      action: 'grow_channel',
    });
  }
  return out;
}
