import type { Command } from 'commander';
import { latestCompleteMonth } from '../../../metrics/index.js';
import { textTable } from '../../format/table.js';
import { monthEnd, usage } from './args.js';
import { pct } from './format.js';
import { type Common, common, run } from './run.js';

/** `fupan customers tiers`: value tiers and lifecycle states of a month, and the win-back rate. */
export function registerTiers(customers: Command, program: Command): void {
  common(
    customers
      .command('tiers')
      .description('value tiers and lifecycle, movement and win-back rate for a month'),
  )
    .option('--month <YYYY-MM>', 'month (default: the last complete month)')
    .action(
      run(program, async (wh, o: Common & { month?: string }, ctx) => {
        const month = o.month ?? (await latestCompleteMonth(wh));
        if (!month || !/^\d{4}-\d{2}$/.test(month)) throw usage('--month must look like 2026-10');
        const from = `${month}-01`;
        const to = monthEnd(month);
        const { tierAnalysis } = await import('../../../analyses/tiers/index.js');
        const a = await tierAnalysis(wh, { from, to, thresholds: ctx.loaded.config.thresholds });
        return {
          json: a,
          table: () =>
            `${textTable(
              ['state', '状态', `start ${a.from}`, `end ${a.to}`],
              a.start.map((s, i) => [s.state, s.zh, String(s.customers), String(a.end[i].customers)]),
              [false, false, true, true],
            )}\nwin-back rate (召回率) ${pct(a.winBack.rate)}: ${a.winBack.returned} of ${a.winBack.dormant} dormant customers bought\n`,
        };
      }),
    );
}
