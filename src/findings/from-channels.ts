import type { ChannelPerformance } from '../analyses/channels/index.js';
import type { FunnelResult } from '../analyses/funnel/index.js';
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
