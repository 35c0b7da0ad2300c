import type { Command } from 'commander';
import {
  ANOMALY_METRICS,
  type AnomalyCause,
  type AnomalyMetric,
  type AnomalyResult,
  anomalies,
} from '../../analyses/anomalies/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/index.js';
import { type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface AnomaliesCliOptions {
  month?: string;
  from?: string;
  to?: string;
  metric?: string;
  threshold?: string;
  db?: string;
  format: string;
}

const usage = (message: string) => new FupanError('USAGE', message);
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const pct = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(1)}%`;
const value = (metric: string, v: number | null) =>
  v === null
    ? '—'
    : metric === 'conversion'
      ? `${(v * 100).toFixed(2)}%`
      : metric === 'gmv' || metric === 'atv'
        ? v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })
        : Math.round(v).toLocaleString('en-US');

function causeText(metric: string, c: AnomalyCause | null): string {
  if (!c) return '—';
  if (c.broad) return 'across the board';
  return `${c.dimension} ${c.value} (${value(metric, c.expected)} → ${value(metric, c.actual)}${
    c.shareOfChange === null ? '' : `, ${Math.round(c.shareOfChange * 100)}% of the change`
  })`;
}

export function registerAnomalies(program: Command): void {
  program
    .command('anomalies')
    .description(
      'days whose GMV, orders, buyers, visitors, conversion or 客单价 left the seasonal baseline, with size and likely cause; festivals and campaigns labelled; stock-outs',
    )
    .option('--month <YYYY-MM>', 'month (default: the last complete month in the data)')
    .option('--from <YYYY-MM-DD>', 'first day (with --to, instead of --month)')
    .option('--to <YYYY-MM-DD>', 'last day')
    .option('--metric <list>', `metrics to check, comma-separated (${ANOMALY_METRICS.join(', ')})`)
    .option('--threshold <z>', 'robust z at which a day is flagged', '3.5')
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: AnomaliesCliOptions) => {
      if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
      if (opts.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month))
        throw usage('--month must be YYYY-MM');
      if ((opts.from === undefined) !== (opts.to === undefined)) throw usage('--from and --to go together');
      if (opts.from !== undefined && opts.month !== undefined) throw usage('give --month or --from/--to');
      if (opts.from !== undefined && !(DAY.test(opts.from) && DAY.test(opts.to ?? '')))
        throw usage('--from and --to must be dates YYYY-MM-DD');
      const metrics = (opts.metric ?? '').split(',').filter(Boolean);
      for (const m of metrics)
        if (!(ANOMALY_METRICS as readonly string[]).includes(m))
          throw usage(`unknown metric "${m}" (${ANOMALY_METRICS.join(', ')})`);
      const threshold = Number(opts.threshold ?? '3.5');
      if (!(threshold >= 1 && threshold < 100)) throw usage('--threshold must be a number from 1 to 99');
      const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
      const result = await withWarehouse(
        global,
        async (wh, ctx) => {
          const from = opts.from;
          let month = opts.month ?? '';
          if (from === undefined && month === '') {
            month = (await latestCompleteMonth(wh)) ?? '';
            if (!month)
              throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
          }
          return anomalies(wh, {
            ...(from !== undefined ? { period: { from, to: opts.to ?? from } } : { month }),
            ...(metrics.length ? { metrics: metrics as AnomalyMetric[] } : {}),
            threshold,
            calendar: ctx.loaded.config.calendar,
            weekStart: ctx.loaded.config.weekStart,
          });
        },
        { readOnly: true },
      );
      process.stdout.write(
        opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : anomaliesText(result),
      );
    });
}

/** The result as aligned text: flagged days, runs, calendar days and stock-outs. */
export function anomaliesText(r: AnomalyResult): string {
  const out = [
    `anomalies ${r.period.from} … ${r.period.to} (|z| ≥ ${r.threshold}, |change| ≥ ${pct(r.minChange)})`,
  ];
  if (r.unscored.length) out.push(`not enough history for: ${r.unscored.join(', ')}`);
  if (r.anomalies.length === 0) out.push('no anomalies');
  else
    out.push(
      textTable(
        ['date', 'metric', 'value', 'expected', 'change', 'z', 'likely cause'],
        r.anomalies.map((a) => [
          a.date,
          a.metric,
          value(a.metric, a.value),
          value(a.metric, a.expected),
          pct(a.change),
          a.z.toFixed(1),
          [a.factor ? `factor ${a.factor}` : '', causeText(a.metric, a.cause)].filter(Boolean).join('; '),
        ]),
        [false, false, true, true, true, true, false],
      ),
    );
  const longRuns = r.runs.filter((x) => x.days > 1);
  if (longRuns.length)
    out.push(
      textTable(
        ['from', 'to', 'days', 'metric', 'mean change', 'likely cause'],
        longRuns.map((x) => [
          x.from,
          x.to,
          String(x.days),
          x.metric,
          pct(x.change),
          causeText(x.metric, x.cause),
        ]),
        [false, false, true, false, true, false],
      ),
    );
  if (r.known.length)
    out.push(
      textTable(
        ['date', 'calendar', 'GMV change', 'z'],
        r.known.map((k) => [
          k.date,
          `${k.name} (${k.kind}, ${k.source})`,
          k.scores.gmv ? pct(k.scores.gmv.change) : '—',
          k.scores.gmv ? k.scores.gmv.z.toFixed(1) : '—',
        ]),
        [false, false, true, true],
      ),
    );
  for (const s of r.stockouts)
    out.push(
      `stock-out: ${s.sku} sold nothing ${s.from} … ${s.to} (${s.days} days; usually ${s.expectedUnitsPerDay} units, ${value('gmv', s.expectedGmvPerDay)} a day)`,
    );
  return `${out.join('\n')}\n`;
}
