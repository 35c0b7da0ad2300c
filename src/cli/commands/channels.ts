import type { Command } from 'commander';
import {
  CHANNEL_METRICS,
  type ChannelPerformance,
  channelPerformance,
  relativeChange,
} from '../../analyses/channels/index.js';
import type { MarginalRoi } from '../../analyses/response-curve/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth, metricDef } from '../../metrics/index.js';
import { type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface ChannelsCliOptions {
  month?: string;
  roi?: boolean;
  replicates: string;
  seed: string;
  db?: string;
  format: string;
}

const usage = (message: string) => new FupanError('USAGE', message);

export function registerChannels(program: Command): void {
  program
    .command('channels')
    .description(
      'channel performance: visitors, conversion, GMV, 客单价, new buyers, spend, ROAS, CAC, CPC, CTR with 环比/同比',
    )
    .option('--month <YYYY-MM>', 'month (default: the last complete month in the data)')
    .option(
      '--roi',
      'also marginal ROI per paid channel: response curve, marginal ROAS, 临界值, reallocation',
    )
    .option('--replicates <n>', 'bootstrap replicates for --roi intervals', '30')
    .option('--seed <n>', 'bootstrap seed for --roi', '1')
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: ChannelsCliOptions) => {
      if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
      const replicates = Number(opts.replicates);
      const seed = Number(opts.seed);
      if (!Number.isInteger(replicates) || replicates < 0 || replicates > 1000)
        throw usage('--replicates must be a whole number in 0..1000');
      if (!Number.isInteger(seed)) throw usage('--seed must be a whole number');
      const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
      const result = await withWarehouse(
        global,
        async (wh, ctx) => {
          const month = opts.month ?? (await latestCompleteMonth(wh));
          if (!month)
            throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
          const weekStart = ctx.loaded.config.weekStart;
          const performance = await channelPerformance(wh, { month, weekStart });
          const roi = opts.roi
            ? await (await import('../../analyses/response-curve/index.js')).marginalRoi(wh, {
                month,
                weekStart,
                replicates,
                seed,
              })
            : undefined;
          return { ...performance, ...(roi ? { roi } : {}) };
        },
        { readOnly: true },
      );
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(channelsText(result) + (result.roi ? roiText(result.roi) : ''));
    });
}

function cell(metric: string, v: number | null): string {
  if (v === null) return '—';
  switch (metricDef(metric).format) {
    case 'money':
      return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'percent':
      return `${(v * 100).toFixed(2)}%`;
    case 'ratio':
      return v.toFixed(2);
    default:
      return v.toLocaleString('en-US');
  }
}

export function channelsText(r: ChannelPerformance): string {
  const change = (v: number | null) =>
    v === null ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}%`;
  const headers = ['channel', 'visitor share', ...CHANNEL_METRICS, 'GMV mom', 'GMV yoy'];
  const rows = r.channels.map((c) => [
    c.channel || '(empty)',
    c.visitorShare.value === null ? '—' : `${(c.visitorShare.value * 100).toFixed(1)}%`,
    ...CHANNEL_METRICS.map((m) => cell(m, c.metrics[m].value)),
    change(relativeChange(c.metrics.gmv, 'mom')),
    change(relativeChange(c.metrics.gmv, 'yoy')),
  ]);
  rows.push([
    'total',
    '100.0%',
    ...CHANNEL_METRICS.map((m) => cell(m, r.total[m].value)),
    change(relativeChange(r.total.gmv, 'mom')),
    change(relativeChange(r.total.gmv, 'yoy')),
  ]);
  return `channels ${r.period.from.slice(0, 7)}\n${textTable(
    headers,
    rows,
    headers.map((_, i) => i > 0),
  )}`;
}

/** The marginal ROI table and the proposed reallocation. */
export function roiText(r: MarginalRoi): string {
  const f = (v: number, d = 2) =>
    v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const g0 = (v: number | null, d: number) => (v === null ? '>10× data' : f(v, d));
  const iv = (x: { value: number | null; low: number | null; high: number | null }, d = 2) =>
    `${g0(x.value, d)} (${g0(x.low, d)}–${g0(x.high, d)})`;
  const table = textTable(
    [
      'channel',
      'daily spend',
      'marginal ROAS (p10–p90)',
      '临界值 daily spend (p10–p90)',
      'status',
      'R²',
      'proposed',
    ],
    r.channels.map((c) => [
      c.channel,
      f(c.dailySpend),
      iv(c.marginalRoas),
      iv(c.breakEvenDailySpend, 0),
      c.status,
      f(c.r2),
      f(r.reallocation.proposed[c.channel]),
    ]),
    [false, true, true, true, false, true, true],
  );
  const g = r.reallocation.gainPerDay;
  return `\nmarginal ROI (response: ${r.response} per day, ${r.from} .. ${r.to}, ${r.replicates} bootstrap replicates)\n${table}same budget, proposed split: ${f(g.value)} more GMV a day (p10–p90 ${f(g.low)}–${f(g.high)}; better in ${Math.round(r.reallocation.probabilityBetter * 100)}% of replicates)\n`;
}
