import type { AnomalyResult, AnomalyRun } from '../analyses/anomalies/index.js';
import { METRICS } from '../metrics/index.js';
import { type Finding, type FindingNumber, n } from './finding.js';

/** How a level or a difference of a metric is shown (money, percent, count). */
function levelKind(metric: string): FindingNumber['kind'] {
  const f = METRICS[metric]?.format;
  return f === 'money' ? 'money' : f === 'percent' ? 'percent' : 'count';
}

/** Flagged days shown as findings: the largest runs first (days × |change|). */
const MAX_RUNS = 6;
/** Calendar events worth a sentence: GMV at least this far from its baseline on average. */
const EVENT_MIN_CHANGE = 0.15;

function runFinding(r: AnomalyRun): Finding {
  const c = r.cause;
  const kind = levelKind(r.metric);
  const bad =
    (r.direction === 'down' && r.metric !== 'visitors') || (r.direction === 'up' && r.metric === 'visitors');
  return {
    id: `anomaly_run:${r.metric}:${r.from}:${r.direction}`,
    kind: 'anomaly_run',
    metric: r.metric,
    metricFormat: METRICS[r.metric]?.format ?? 'number',
    ...(c && !c.broad ? { dimension: c.dimension } : {}),
    values: {
      from: r.from,
      to: r.to,
      direction: r.direction,
      ...(c ? { cause: c.broad ? '' : c.value } : {}),
      ...(r.composition ? { composition: r.composition.value } : {}),
    },
    numbers: {
      days: n(r.days, 'count'),
      change: n(r.change, 'change'),
      z: n(r.z, 'number'),
      ...(c && !c.broad
        ? {
            causeFrom: n(c.expected, kind),
            causeTo: n(c.actual, kind),
            causeShare: n(c.shareOfChange, 'percent'),
          }
        : {}),
      ...(r.composition
        ? { shareFrom: n(r.composition.share[0], 'percent'), shareTo: n(r.composition.share[1], 'percent') }
        : {}),
    },
    severity: r.metric === 'visitors' && r.direction === 'up' ? 'info' : bad ? 'warning' : 'positive',
    impact: r.days * Math.abs(r.change),
  };
}

/**
 * Findings of an anomaly scan: the largest runs of flagged days (metric, dates, size, likely cause),
 * stock-outs (critical: sales lost now), and calendar events whose GMV left the baseline by ≥ 15 %.
 */
export function findingsFromAnomalies(r: AnomalyResult): Finding[] {
  const runs = [...r.runs]
    .sort((a, b) => b.days * Math.abs(b.change) - a.days * Math.abs(a.change) || a.from.localeCompare(b.from))
    .slice(0, MAX_RUNS)
    .map(runFinding);
  const stockouts: Finding[] = r.stockouts.map((s) => ({
    id: `stockout:${s.sku}:${s.from}`,
    kind: 'stockout',
    metric: 'units',
    metricFormat: 'integer',
    dimension: 'sku',
    values: { sku: s.sku, from: s.from, to: s.to },
    numbers: {
      days: n(s.days, 'count'),
      units: n(s.expectedUnitsPerDay, 'count'),
      gmv: n(s.expectedGmvPerDay, 'money'),
      lost: n(s.expectedGmvPerDay * s.days, 'money'),
    },
    severity: 'critical',
    impact: s.expectedGmvPerDay * s.days,
    action: 'check_stock',
  }));
  const events = new Map<string, { from: string; to: string; changes: number[] }>();
  for (const k of r.known) {
    const g = k.scores.gmv;
    if (!g) continue;
    const e = events.get(k.name) ?? { from: k.date, to: k.date, changes: [] };
    e.to = k.date;
    e.changes.push(g.change);
    events.set(k.name, e);
  }
  const eventFindings: Finding[] = [...events.entries()].flatMap(([name, e]) => {
    const mean = e.changes.reduce((a, b) => a + b, 0) / e.changes.length;
    if (Math.abs(mean) < EVENT_MIN_CHANGE) return [];
    return [
      {
        id: `calendar_event:${name}:${e.from}`,
        kind: 'calendar_event' as const,
        metric: 'gmv',
        metricFormat: 'money',
        values: { name, from: e.from, to: e.to },
        numbers: { days: n(e.changes.length, 'count'), change: n(mean, 'change') },
        severity: 'info' as const,
        impact: e.changes.length * Math.abs(mean),
      },
    ];
  });
  return [...stockouts, ...runs, ...eventFindings];
}
