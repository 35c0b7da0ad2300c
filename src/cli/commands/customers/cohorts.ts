import type { Command } from 'commander';
import { textTable } from '../../format/table.js';
import { day, usage } from './args.js';
import { pct } from './format.js';
import { type Common, common, lastPaidDay, run } from './run.js';

/** `fupan customers cohorts`: retention matrix by first-purchase cohort, and the second-purchase rate. */
export function registerCohorts(customers: Command, program: Command): void {
  common(
    customers.command('cohorts').description('first-purchase cohorts: retention, revenue retention, LTV'),
  )
    .option('--grain <month|week>', 'cohort period', 'month')
    .option('--from <YYYY-MM-DD>', 'first cohort (the period containing this day)')
    .option('--to <YYYY-MM-DD>', 'last cohort')
    .option('--as-of <YYYY-MM-DD>', 'count orders paid up to this day (default: the last paid day)')
    .option('--split <channel|campaign>', 'split cohorts by acquisition channel or first-order campaign')
    .option('--max-offset <n>', 'at most n periods after the first purchase')
    .action(
      run(program, async (wh, o: Common & Record<string, string | undefined>, ctx) => {
        if (o.grain !== 'month' && o.grain !== 'week') throw usage('--grain must be month or week');
        if (o.split && o.split !== 'channel' && o.split !== 'campaign')
          throw usage('--split must be channel or campaign');
        const asOf = day(o.asOf, '--as-of') ?? (await lastPaidDay(wh));
        const { cohortAnalysis, secondPurchase } = await import('../../../analyses/cohorts/index.js');
        const a = await cohortAnalysis(wh, {
          grain: o.grain,
          from: day(o.from, '--from'),
          to: day(o.to, '--to'),
          asOf,
          split: o.split as 'channel' | 'campaign' | undefined,
          maxOffset: o.maxOffset === undefined ? undefined : Number(o.maxOffset),
          weekStart: ctx.loaded.config.weekStart,
        });
        const second = await secondPurchase(wh, { asOf, from: day(o.from, '--from'), to: day(o.to, '--to') });
        const json = { ...a, asOf, secondPurchase: second };
        return {
          json,
          table: () => {
            const width = Math.min(13, Math.max(0, ...a.cohorts.map((c) => c.retention.length)));
            const heads = [
              'cohort',
              ...(a.split ? ['segment'] : []),
              'size',
              ...Array.from({ length: width }, (_, k) => `M${k}`),
            ];
            const rows = a.cohorts.map((c) => [
              c.cohort,
              ...(a.split ? [c.segment] : []),
              String(c.size),
              ...Array.from({ length: width }, (_, k) => (k < c.retention.length ? pct(c.retention[k]) : '')),
            ]);
            const sp = textTable(
              ['cohort', 'new buyers', '≤30 d', '≤60 d', '≤90 d'],
              second.cohorts.map((c) => [
                c.cohort,
                String(c.size),
                pct(c.rate30),
                pct(c.rate60),
                pct(c.rate90),
              ]),
              [false, true, true, true, true],
            );
            return `${textTable(
              heads,
              rows,
              heads.map((_, i) => i > (a.split ? 1 : 0)),
            )}\nsecond purchase within\n${sp}`;
          },
        };
      }),
    );
}
