import type { Command } from 'commander';
import type { Funnel, FunnelResult } from '../../analyses/funnel/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/index.js';
import { type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface FunnelCliOptions {
  month?: string;
  vs: string;
  by?: string;
  db?: string;
  format: string;
}

const usage = (message: string) => new FupanError('USAGE', message);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const pp = (v: number | null) =>
  v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(2)} pp`;

export function registerFunnel(program: Command): void {
  program
    .command('funnel')
    .description(
      'visitors → product views → add-to-cart → checkout → paid buyers, with step conversion and its change',
    )
    .option('--month <YYYY-MM>', 'month (default: the last complete month in the data)')
    .option('--vs <previous|yoy|YYYY-MM>', 'compare with', 'previous')
    .option('--by <channel|device|channel,device>', 'also one funnel per channel and/or device')
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table')
    .action(async (opts: FunnelCliOptions) => {
      if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
      const by = (opts.by ?? '').split(',').filter(Boolean);
      for (const d of by)
        if (d !== 'channel' && d !== 'device') throw usage('--by takes channel and/or device');
      const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
      const result = await withWarehouse(
        global,
        async (wh, ctx) => {
          const month = opts.month ?? (await latestCompleteMonth(wh));
          if (!month)
            throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
          const { funnelAnalysis } = await import('../../analyses/funnel/index.js');
          return funnelAnalysis(wh, {
            month,
            vs: opts.vs,
            by: by as Array<'channel' | 'device'>,
            weekStart: ctx.loaded.config.weekStart,
          });
        },
        { readOnly: true },
      );
      process.stdout.write(
        opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : funnelText(result),
      );
    });
}

function funnelTable(f: Funnel): string {
  return textTable(
    ['step', 'value', 'previous', 'step rate', 'previous', 'change', 'of visitors'],
    f.steps.map((s) => [
      s.step,
      s.value.toLocaleString('en-US'),
      s.previous.toLocaleString('en-US'),
      pct(s.rate),
      pct(s.previousRate),
      pp(s.rateChange),
      pct(s.ofVisitors),
    ]),
    [false, true, true, true, true, true, true],
  );
}

export function funnelText(r: FunnelResult): string {
  const head = `funnel ${r.period.current.from.slice(0, 7)} vs ${r.period.previous.from.slice(0, 7)}`;
  const out = [
    `${head}${r.missing.length ? ` (no data for ${r.missing.join(', ')})` : ''}`,
    funnelTable(r.total),
  ];
  if (r.total.weakest) out.push(`weakest step: ${r.total.weakest}\n`);
  for (const g of r.groups) {
    out.push(
      `${Object.values(g.values).join(' × ') || '(empty)'}${g.weakest ? ` — weakest step: ${g.weakest}` : ''}`,
    );
    out.push(funnelTable(g));
  }
  return out.join('\n');
}
