import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { recallList } from '../../../analyses/tiers/index.js';
import { toCsv } from '../../../server/to-csv.js';
import { type GlobalOptions, withWarehouse } from '../../context.js';
import { day, usage } from './args.js';
import { type Common, common, lastPaidDay } from './run.js';

/** `fupan customers export`: the recall list (召回名单) of one segment as CSV or JSON. */
export function registerExport(customers: Command, program: Command): void {
  common(
    customers.command('export').description('recall list (召回名单) of one segment as CSV, e.g. for coupons'),
  )
    .requiredOption(
      '--segment <key>',
      'RFM segment (at_risk, cant_lose, hibernating, …) or state (dormant, churned, high, …)',
    )
    .option(
      '--as-of <YYYY-MM-DD>',
      'state at the start of this day (default: the day after the last paid day)',
    )
    .option('--limit <n>', 'at most n customers, highest GMV first', '10000')
    .option('--with-clv', 'add P(alive), expected purchases and 12-month CLV (fits the models first)')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .action(
      async (
        o: Common & { segment: string; asOf?: string; limit: string; withClv?: boolean; out?: string },
      ) => {
        if (!['table', 'json', 'csv'].includes(o.format)) throw usage('--format must be csv or json');
        const global = { ...program.opts<GlobalOptions>(), ...(o.db ? { db: o.db } : {}) };
        const text = await withWarehouse(
          global,
          async (wh, ctx) => {
            const { dayAfter, dayBefore, recallList } = await import('../../../analyses/tiers/index.js');
            const asOf = day(o.asOf, '--as-of') ?? dayAfter(await lastPaidDay(wh));
            let clv: Parameters<typeof recallList>[1]['clv'];
            if (o.withClv) {
              const { customerLifetimeValue } = await import('../../../analyses/clv/index.js');
              const r = await customerLifetimeValue(wh, { calibrationEnd: dayBefore(asOf) });
              clv = {
                bgnbd: r.bgnbd.params,
                gammagamma: r.gammagamma.params,
                unitDays: 7,
                horizonDays: 365,
                months: 12,
                discountRate: 0.1,
              };
            }
            const limit = Number(o.limit);
            if (!Number.isInteger(limit) || limit < 0) throw usage('--limit must be a whole number');
            let rows: Awaited<ReturnType<typeof recallList>>;
            try {
              rows = await recallList(wh, {
                asOf,
                segment: o.segment,
                thresholds: ctx.loaded.config.thresholds,
                limit,
                clv,
              });
            } catch (e) {
              if (/unknown segment/.test((e as Error).message))
                throw usage(`${(e as Error).message}; see fupan customers export --help`);
              throw e;
            }
            if (o.format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
            const columns = [
              'customer_id',
              'state',
              'segment',
              'r',
              'f',
              'm',
              'last_paid_date',
              'recency_days',
              'orders',
              'gmv',
            ];
            if (clv) columns.push('p_alive', 'expected_purchases', 'clv');
            return toCsv(columns, rows as unknown as Array<Record<string, string | number>>);
          },
          { readOnly: true },
        );
        if (o.out) writeFileSync(o.out, text);
        else process.stdout.write(text);
      },
    );
}
