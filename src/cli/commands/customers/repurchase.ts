import type { Command } from 'commander';
import { latestCompleteMonth } from '../../../metrics/index.js';
import { textTable } from '../../format/table.js';
import { monthEnd, shiftMonth, usage } from './args.js';
import { pct } from './format.js';
import { type Common, common, run } from './run.js';

/** `fupan customers repurchase`: repeat and returning customer rates over the 12 months to a month. */
export function registerRepurchase(customers: Command, program: Command): void {
  common(
    customers
      .command('repurchase')
      .description('repeat and returning customer rates by month, channel, category, membership'),
  )
    .option('--month <YYYY-MM>', 'month (default: the last complete month); the trend covers 12 months to it')
    .action(
      run(program, async (wh, o: Common & { month?: string }, ctx) => {
        const month = o.month ?? (await latestCompleteMonth(wh));
        if (!month || !/^\d{4}-\d{2}$/.test(month)) throw usage('--month must look like 2026-10');
        const period = { from: `${month}-01`, to: monthEnd(month) };
        const trend = { from: `${shiftMonth(month, -11)}-01`, to: period.to };
        const { repurchaseAnalysis } = await import('../../../analyses/repurchase/index.js');
        const a = await repurchaseAnalysis(wh, { period, trend, weekStart: ctx.loaded.config.weekStart });
        return {
          json: a,
          table: () =>
            textTable(
              ['month', 'buyers', 'repeat rate', 'returning rate'],
              a.byMonth.map((g) => [
                g.group,
                String(g.buyers),
                pct(g.repeatRate),
                pct(g.returningCustomerRate),
              ]),
              [false, true, true, true],
            ),
        };
      }),
    );
}
