import type { Command } from 'commander';
import type { ClvResult } from '../../../analyses/clv/index.js';
import { textTable } from '../../format/table.js';
import { day, usage } from './args.js';
import { pct } from './format.js';
import { type Common, common, lastPaidDay, run } from './run.js';

/** `fupan customers clv`: BG/NBD + Gamma-Gamma (and Pareto/NBD) fit, forecast and holdout check. */
export function registerClv(customers: Command, program: Command): void {
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
        const { customerLifetimeValue } = await import('../../../analyses/clv/index.js');
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
