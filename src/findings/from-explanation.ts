import type { Cause, Explanation } from '../analyses/explain/index.js';
import { type Finding, type FindingNumber, type NumberKind, n } from './finding.js';

/** Metrics where a fall is bad news (all the explained KPIs except costs). */
const LOWER_IS_BETTER = new Set(['cac', 'cpc', 'refund_rate', 'return_rate', 'refunds', 'spend']);

/** Kind of a value of the metric and of a change of it (percentages change in points). */
function kinds(e: Explanation): { value: NumberKind; delta: NumberKind } {
  switch (e.format) {
    case 'money':
      return { value: 'money', delta: 'moneyDelta' };
    case 'percent':
      return { value: 'percent', delta: 'pp' };
    case 'integer':
      return { value: 'count', delta: 'count' };
    case 'ratio':
      return { value: 'roas', delta: 'number' };
    default:
      return { value: 'number', delta: 'number' };
  }
}

const isBad = (metric: string, change: number) => (LOWER_IS_BETTER.has(metric) ? change > 0 : change < 0);

/** Findings of an explanation: the change, its factors, the mix/rate split and the leading causes. */
export function findingsFromExplanation(e: Explanation): Finding[] {
  if (e.change === null || e.previous === null) return [];
  const k = kinds(e);
  const base = { metric: e.metric, metricFormat: e.format };
  const bad = isBad(e.metric, e.change);
  const rel = e.relativeChange ?? 0;
  const out: Finding[] = [
    {
      ...base,
      id: `metric_change.${e.metric}`,
      kind: 'metric_change',
      numbers: {
        previous: n(e.previous, k.value),
        current: n(e.current, k.value),
        change: n(e.change, k.delta),
        relativeChange: n(e.relativeChange, 'change'),
      },
      severity:
        Math.abs(rel) < 0.02 ? 'info' : bad ? (Math.abs(rel) >= 0.1 ? 'critical' : 'warning') : 'positive',
      impact: e.change,
    },
  ];
  if (e.factors) {
    out.push({
      ...base,
      id: `gmv_factors.${e.metric}`,
      kind: 'gmv_factors',
      numbers: {
        change: n(e.change, 'moneyDelta'),
        visitors: n(e.factors.visitors, 'moneyDelta'),
        conversion: n(e.factors.conversion, 'moneyDelta'),
        atv: n(e.factors.atv, 'moneyDelta'),
      },
      severity: 'info',
      impact: e.change,
    });
  }
  if (e.type === 'ratio' && e.dimension && e.mix !== null && e.rate !== null && e.change !== 0) {
    out.push({
      ...base,
      id: `mix_rate_split.${e.metric}.${e.dimension}`,
      kind: 'mix_rate_split',
      dimension: e.dimension,
      numbers: {
        change: n(e.change, k.delta),
        mix: n(e.mix, k.delta),
        rate: n(e.rate, k.delta),
        overlap: n(e.overlap, k.delta),
        mixShare: n(e.mix / e.change, 'percent'),
      },
      severity: 'info',
      impact: e.change,
    });
  }
  // Leading causes: values that carry a fifth of the change or more beyond noise, and are not tiny.
  const leading = e.causes
    .filter(
      (c) =>
        c.kind === 'value' &&
        c.surprise >= 0.2 &&
        Math.max(c.share?.[0] ?? 0, c.share?.[1] ?? 0) >= 0.02 &&
        c.own?.[0] !== null &&
        c.own?.[1] !== null,
    )
    .slice(0, 2);
  for (const c of leading) out.push(causeFinding(e, c, k, bad));
  for (const split of e.composition.slice(0, 1)) {
    const top = [...split.causes].sort((a, b) => b.mix - a.mix)[0];
    if (!top?.share || top.share[1] <= top.share[0]) continue;
    // The price mix moves 客单价 and AOV within baskets, which no split of buyers or orders can show
    // (a basket spans price bands): when it explains the direction of the change, its finding comes
    // right after the change, before the buyer-group split (docs/diagnosis.md, "The search").
    out.splice(compositionLeads(e) ? 1 : out.length, 0, {
      ...base,
      id: `composition_shift.${e.metric}.${split.dimension}.${top.value}`,
      kind: 'composition_shift',
      dimension: split.dimension,
      values: top.values,
      numbers: {
        shareFrom: n(top.share[0], 'percent'),
        shareTo: n(top.share[1], 'percent'),
        change: n(e.change, k.delta),
        relativeChange: n(e.relativeChange, 'change'),
      },
      severity: bad ? 'warning' : 'info',
      impact: e.change,
      ...(bad && top.value === 'under_100' ? { action: 'review_price_mix' as const } : {}),
    });
  }
  return out;
}

/**
 * The price band shift explains the direction of a 客单价 / AOV change: items under ¥100 gained most
 * share and the metric fell, or items from ¥300 gained most and it rose.
 */
export function compositionLeads(e: Explanation): boolean {
  const split = e.composition[0];
  if (split?.dimension !== 'price_band' || !e.change) return false;
  const top = [...split.causes].sort((a, b) => b.mix - a.mix)[0];
  if (!top?.share || top.share[1] <= top.share[0]) return false;
  return (top.value === 'under_100' && e.change < 0) || (top.value === '300_plus' && e.change > 0);
}

function causeFinding(
  e: Explanation,
  c: Cause,
  k: { value: NumberKind; delta: NumberKind },
  bad: boolean,
): Finding {
  const mixLed = Math.abs(c.mix) >= Math.abs(c.rate);
  const kind = e.type === 'additive' ? 'value_change' : mixLed ? 'mix_shift' : 'rate_change';
  const own = (i: 0 | 1): FindingNumber => n(c.own?.[i] ?? null, k.value);
  const shareGain = c.share !== null && c.share[1] > c.share[0];
  // Both actions are about a traffic channel; a buyer group or region gets none.
  const byChannel = Object.hasOwn(c.values, 'channel');
  const action = !byChannel
    ? undefined
    : mixLed && shareGain && bad
      ? 'review_low_intent_traffic'
      : !mixLed && bad
        ? 'fix_channel_conversion'
        : undefined;
  return {
    metric: e.metric,
    metricFormat: e.format,
    id: `${kind}.${e.metric}.${c.dimension}.${c.value}`,
    kind,
    dimension: c.dimension,
    values: c.values,
    numbers: {
      shareFrom: n(c.share?.[0] ?? null, 'percent'),
      shareTo: n(c.share?.[1] ?? null, 'percent'),
      ownFrom: own(0),
      ownTo: own(1),
      mix: n(c.mix, k.delta),
      rate: n(c.rate, k.delta),
      total: n(c.total, k.delta),
      changeShare: n(e.change ? c.total / e.change : null, 'percent'),
      change: n(e.change, k.delta),
    },
    severity: Math.sign(c.total) === Math.sign(e.change ?? 0) && bad ? 'warning' : 'info',
    impact: c.total,
    ...(action ? { action } : {}),
  };
}
