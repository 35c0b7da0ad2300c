import type { Command } from 'commander';
import {
  CHANNEL_METRICS,
  type ChannelPerformance,
  channelPerformance,
  relativeChange,
} from '../../analyses/channels/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth, metricDef } from '../../metrics/index.js';
import { type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface ChannelsCliOptions {
  month?: string;
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
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: ChannelsCliOptions) => {
      if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
      const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
      const result = await withWarehouse(
        global,
        async (wh, ctx) => {
          const month = opts.month ?? (await latestCompleteMonth(wh));
          if (!month)
            throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
          return channelPerformance(wh, { month, weekStart: ctx.loaded.config.weekStart });
        },
        { readOnly: true },
      );
      process.stdout.write(
        opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : channelsText(result),
      );
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
