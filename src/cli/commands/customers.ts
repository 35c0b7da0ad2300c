import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type ClvResult, customerLifetimeValue } from '../../analyses/clv/index.js';
import { cohortAnalysis, secondPurchase } from '../../analyses/cohorts/index.js';
import { repurchaseAnalysis } from '../../analyses/repurchase/index.js';
import { monthBefore, type RfmScoring, rfmAnalysis } from '../../analyses/rfm/index.js';
import { dayAfter, dayBefore, recallList, tierAnalysis } from '../../analyses/tiers/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth, paidDateRange } from '../../metrics/index.js';
import { toCsv } from '../../server/to-csv.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { type CommandContext, type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface Common {
  db?: string;
  format: string;
}

const usage = (message: string) => new FupanError('USAGE', message);
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const fixed = (v: number, digits = 2) => v.toFixed(digits);

function day(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw usage(`${flag} must be a date like 2026-10-31 (got "${value}")`);
  }
  return value;
}

function numbers(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const xs = value.split(',').map(Number);
  if (xs.length !== 4 || xs.some((x) => !Number.isFinite(x)))
    throw usage(`${flag} needs 4 numbers, e.g. 30,60,90,180`);
  return xs;
}

async function lastPaidDay(wh: Warehouse): Promise<string> {
  const range = await paidDateRange(wh);
  if (!range)
    throw new FupanError('NO_DATA', 'no paid orders in the database; import orders or run `fupan demo`');
  return range.to;
}

/** Runs an action on the warehouse with the command's --db (or the global one) and prints its output. */
function run<O extends Common>(
  program: Command,
  fn: (wh: Warehouse, opts: O, ctx: CommandContext) => Promise<{ json: unknown; table: () => string }>,
) {
  return async (opts: O) => {
    if (!['table', 'json'].includes(opts.format)) throw usage('--format must be table or json');
    const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
    const out = await withWarehouse(global, (wh, ctx) => fn(wh, opts, ctx), { readOnly: true });
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(out.json, null, 2)}\n` : out.table());
  };
}

function common(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'table or json', 'table');
}

export function registerCustomers(program: Command): void {
  const customers = program
    .command('customers')
    .description(
      'customer insight (客户洞察): cohorts, RFM, tiers and win-back, repurchase, CLV, recall lists',
    );

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

  common(
    customers
      .command('clv')
      .description('fit BG/NBD + Gamma-Gamma (and Pareto/NBD), forecast, validate on a holdout'),
  )
    .option(
      '--calibration-end <YYYY-MM-DD>',
      'last day of the calibration period (default: the last paid day)',
    )
    .option('--holdout-end <YYYY-MM-DD>', 'last day of the holdout (default: the last paid day when later)')
    .option('--unit <week|day>', 'time unit of the fit', 'week')
    .option('--pareto', 'also fit the Pareto/NBD model')
    .option('--horizon-days <n>', 'forecast horizon for expected purchases', '365')
    .option('--months <n>', 'CLV horizon in months', '12')
    .option('--discount-rate <r>', 'annual discount rate of the CLV', '0.1')
    .action(
      run(program, async (wh, o: Common & Record<string, string | boolean | undefined>) => {
        const last = await lastPaidDay(wh);
        const calibrationEnd = day(o.calibrationEnd as string | undefined, '--calibration-end') ?? last;
        const holdoutEnd =
          day(o.holdoutEnd as string | undefined, '--holdout-end') ??
          (last > calibrationEnd ? last : undefined);
        if (o.unit !== 'week' && o.unit !== 'day') throw usage('--unit must be week or day');
        const r = await customerLifetimeValue(wh, {
          calibrationEnd,
          holdoutEnd,
          unitDays: o.unit === 'week' ? 7 : 1,
          paretoNbd: Boolean(o.pareto),
          horizonDays: Number(o.horizonDays),
          months: Number(o.months),
          discountRate: Number(o.discountRate),
        });
        return { json: clvJson(r), table: () => clvTable(r) };
      }),
    );

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
            const asOf = day(o.asOf, '--as-of') ?? dayAfter(await lastPaidDay(wh));
            let clv: Parameters<typeof recallList>[1]['clv'];
            if (o.withClv) {
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

function scoring(o: Record<string, string | undefined>): RfmScoring {
  const recencyDays = numbers(o.recency, '--recency');
  const frequency = numbers(o.frequency, '--frequency');
  const monetary = numbers(o.monetary, '--monetary');
  if (!recencyDays && !frequency && !monetary) return { kind: 'quintile' };
  if (!recencyDays || !frequency || !monetary)
    throw usage('--recency, --frequency and --monetary go together');
  return { kind: 'thresholds', recencyDays, frequency, monetary };
}

function shiftMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 7);
}

/** Last day of a month. */
function monthEnd(month: string): string {
  return dayBefore(`${shiftMonth(month, 1)}-01`);
}

function clvJson(r: ClvResult) {
  const flat = <P extends object>(f: {
    params: P;
    logLikelihood: number;
    customers: number;
    groups: number;
    converged: boolean;
  }) => ({
    ...f.params,
    logLikelihood: f.logLikelihood,
    customers: f.customers,
    groups: f.groups,
    converged: f.converged,
  });
  return {
    calibrationEnd: r.calibrationEnd,
    unit: r.unitDays === 7 ? 'week' : 'day',
    customers: r.customers,
    bgnbd: flat(r.bgnbd),
    gammagamma: flat(r.gammagamma),
    ...(r.paretonbd ? { paretonbd: flat(r.paretonbd) } : {}),
    forecast: r.forecast,
    ...(r.holdout ? { holdout: r.holdout } : {}),
  };
}

function clvTable(r: ClvResult): string {
  const b = r.bgnbd.params;
  const g = r.gammagamma.params;
  const lines = [
    `calibration to ${r.calibrationEnd}, ${r.customers} customers, time unit ${r.unitDays === 7 ? 'week' : 'day'}`,
    `BG/NBD       r=${b.r.toFixed(4)} alpha=${b.alpha.toFixed(4)} a=${b.a.toFixed(4)} b=${b.b.toFixed(4)} LL=${r.bgnbd.logLikelihood.toFixed(2)}`,
    `Gamma-Gamma  p=${g.p.toFixed(4)} q=${g.q.toFixed(4)} gamma=${g.gamma.toFixed(4)} (${r.gammagamma.customers} customers with repeat purchases)`,
  ];
  if (r.paretonbd) {
    const p = r.paretonbd.params;
    lines.push(
      `Pareto/NBD   r=${p.r.toFixed(4)} alpha=${p.alpha.toFixed(4)} s=${p.s.toFixed(4)} beta=${p.beta.toFixed(4)} LL=${r.paretonbd.logLikelihood.toFixed(2)}`,
    );
  }
  const f = r.forecast;
  lines.push(
    `expected alive ${f.expectedAlive.toFixed(0)}, purchases in ${f.horizonDays} days ${f.expectedPurchases.toFixed(0)}, ${f.months}-month CLV ${f.clv.toFixed(2)} (${f.clvPerCustomer.toFixed(2)} per customer)`,
  );
  let out = `${lines.join('\n')}\n`;
  if (r.holdout) {
    const h = r.holdout;
    out += `\nholdout to ${h.holdoutEnd}: predicted ${h.predicted.toFixed(1)} vs actual ${h.actual} repeat purchases (${pct(h.error)}); cumulative at the end ${pct(h.cumulativeError)}\n`;
    out += textTable(
      ['x (calibration)', 'customers', 'actual', 'predicted'],
      h.byFrequency.map((x) => [x.x, String(x.customers), String(x.actual), x.predicted.toFixed(1)]),
      [false, true, true, true],
    );
  }
  return out;
}
