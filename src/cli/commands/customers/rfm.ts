import type { Command } from 'commander';
import type { RfmScoring } from '../../../analyses/rfm/index.js';
import { textTable } from '../../format/table.js';
import { day, numbers, usage } from './args.js';
import { fixed, pct } from './format.js';
import { type Common, common, lastPaidDay, run } from './run.js';

/** `fupan customers rfm`: RFM scores, the named segments and their month-over-month migration. */
export function registerRfm(customers: Command, program: Command): void {
  common(
    customers.command('rfm').description('RFM scores and the named segments as of a day, with migration'),
  )
    .option(
      '--as-of <YYYY-MM-DD>',
      'state at the start of this day (default: the day after the last paid day)',
    )
    .option('--recency <d1,d2,d3,d4>', 'score by thresholds instead of quintiles: recency days for R=5..2')
    .option('--frequency <n1,n2,n3,n4>', 'order counts for F=2..5 (with --recency)')
    .option('--monetary <m1,m2,m3,m4>', 'GMV for M=2..5 (with --recency)')
    .option(
      '--migration-from <YYYY-MM-DD>',
      'migration matrix from this day (default: one month before --as-of)',
    )
    .action(
      run(program, async (wh, o: Common & Record<string, string | undefined>) => {
        const { monthBefore, rfmAnalysis } = await import('../../../analyses/rfm/index.js');
        const { dayAfter } = await import('../../../analyses/tiers/index.js');
        const asOf = day(o.asOf, '--as-of') ?? dayAfter(await lastPaidDay(wh));
        const a = await rfmAnalysis(wh, {
          asOf,
          scoring: scoring(o),
          migrationFrom: day(o.migrationFrom, '--migration-from') ?? monthBefore(asOf),
        });
        return {
          json: a,
          table: () =>
            textTable(
              [
                'segment',
                '分群',
                'customers',
                'share',
                'GMV',
                'GMV share',
                'avg recency d',
                'avg orders',
                'avg GMV',
              ],
              a.segments.map((s) => [
                s.segment,
                s.zh,
                String(s.customers),
                pct(s.customerShare),
                fixed(s.gmv),
                pct(s.gmvShare),
                s.avgRecencyDays === null ? '—' : fixed(s.avgRecencyDays, 1),
                s.avgFrequency === null ? '—' : fixed(s.avgFrequency),
                s.avgMonetary === null ? '—' : fixed(s.avgMonetary),
              ]),
              [false, false, true, true, true, true, true, true, true],
            ),
        };
      }),
    );
}

function scoring(o: Record<string, string | undefined>): RfmScoring {
  const recencyDays = numbers(o.recency, '--recency');
  const frequency = numbers(o.frequency, '--frequency');
  const monetary = numbers(o.monetary, '--monetary');
  if (!recencyDays && !frequency && !monetary) return { kind: 'quintile' };
  if (!recencyDays || !frequency || !monetary)
    throw usage('--recency, --frequency and --monetary go together');
  return { kind: 'thresholds', recencyDays, frequency, monetary };
}
