import type { Command } from 'commander';
import type { Cause, Explanation } from '../../analyses/explain/index.js';
import { FupanError } from '../../errors.js';
import { latestCompleteMonth } from '../../metrics/index.js';
import { type GlobalOptions, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface ExplainCliOptions {
  month?: string;
  vs: string;
  method: string;
  pairs: boolean;
  db?: string;
  format: string;
}

const usage = (message: string) => new FupanError('USAGE', message);

export function registerExplain(program: Command): void {
  program
    .command('explain <metric>')
    .description('why did a metric move? exact decomposition and the dimension values that explain it')
    .option('--month <YYYY-MM>', 'month to explain (default: the last complete month in the data)')
    .option(
      '--vs <previous|yoy|YYYY-MM>',
      'compare with the month before, the same month last year, or a month',
      'previous',
    )
    .option('--method <shapley|lmdi>', 'attribution of the GMV factors', 'shapley')
    .option('--no-pairs', 'search single dimensions only')
    .option('--db <path>', 'DuckDB database file (as the global --db)')
    .option('--format <fmt>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nJSON: {metric, current, previous, change, causes: [{dimension, value, mix, rate, total}, …], …};\n' +
        'causes (the overlap row included) add up to change exactly. For gmv also factors {visitors,\n' +
        'conversion, atv} whose cents add up to the change. See docs/diagnosis.md.',
    )
    .action(async (metric: string, opts: ExplainCliOptions) => {
      if (!['text', 'table', 'json'].includes(opts.format)) throw usage('--format must be text or json');
      if (opts.method !== 'shapley' && opts.method !== 'lmdi')
        throw usage('--method must be shapley or lmdi');
      const global = { ...program.opts<GlobalOptions>(), ...(opts.db ? { db: opts.db } : {}) };
      const result = await withWarehouse(
        global,
        async (wh, ctx) => {
          const month = opts.month ?? (await latestCompleteMonth(wh));
          if (!month)
            throw new FupanError('NO_DATA', 'no complete month with paid orders; import data first');
          const { explain } = await import('../../analyses/explain/index.js');
          return explain(wh, {
            metric,
            month,
            vs: opts.vs,
            method: opts.method as 'shapley' | 'lmdi',
            pairs: opts.pairs,
            weekStart: ctx.loaded.config.weekStart,
          });
        },
        { readOnly: true },
      );
      process.stdout.write(
        opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : explainText(result),
      );
    });
}

/** A value of the metric: money ¥1,234.56, percentages 12.34 %, others as numbers. */
function value(e: Explanation, v: number | null): string {
  if (v === null) return '—';
  if (e.format === 'money')
    return `¥${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (e.format === 'percent') return `${(v * 100).toFixed(2)}%`;
  return v.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** A contribution: percentage points for percentages, else as a value with a sign. */
function delta(e: Explanation, v: number | null): string {
  if (v === null) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  if (e.format === 'percent') return `${sign}${Math.abs(v * 100).toFixed(2)} pp`;
  return `${sign}${value(e, Math.abs(v))}`;
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

function causeRow(e: Explanation, c: Cause): string[] {
  const own = (v: number | null | undefined) => (v === null || v === undefined ? '—' : value(e, v));
  return [
    c.kind === 'overlap' ? '(overlap)' : String(c.value || '(empty)'),
    c.share ? `${pct(c.share[0])} → ${pct(c.share[1])}` : '',
    c.own ? `${own(c.own[0])} → ${own(c.own[1])}` : '',
    delta(e, c.mix),
    delta(e, c.rate),
    delta(e, c.total),
  ];
}

/** The human-readable explanation (the JSON is the contract; this is for reading). */
export function explainText(e: Explanation): string {
  const prev = e.period.previous.from.slice(0, 7);
  const cur = e.period.current.from.slice(0, 7);
  const rel =
    e.relativeChange === null
      ? ''
      : `, ${e.relativeChange >= 0 ? '+' : '−'}${Math.abs(e.relativeChange * 100).toFixed(2)}%`;
  const out = [
    `${e.label.zh} / ${e.label.en}  ${cur} vs ${prev}: ${value(e, e.previous)} → ${value(e, e.current)} (${delta(e, e.change)}${rel})`,
  ];
  if (e.factors) {
    const f = e.factors;
    out.push(
      `GMV = visitors × conversion × 客单价 (${f.method}): traffic ${delta(e, f.visitors)}, conversion ${delta(e, f.conversion)}, 客单价 ${delta(e, f.atv)}`,
    );
  }
  if (e.orderFactors) {
    out.push(
      `GMV = orders × AOV: orders ${delta(e, e.orderFactors.orders)}, AOV ${delta(e, e.orderFactors.aov)}`,
    );
  }
  if (e.dimension) {
    out.push(
      '',
      e.type === 'ratio'
        ? `Best explained by ${e.dimension}: mix ${delta(e, e.mix)}, rate ${delta(e, e.rate)}, overlap ${delta(e, e.overlap)}`
        : `Best explained by ${e.dimension} (mix: grew faster or slower than the total; rate: its proportional part)`,
    );
    const rows = e.causes.filter((c) => c.kind === 'value').slice(0, 10);
    const overlap = e.causes.find((c) => c.kind === 'overlap');
    if (overlap && overlap.total !== 0) rows.push(overlap);
    out.push(
      textTable(
        [e.dimension, 'share', e.type === 'ratio' ? 'own rate' : 'own value', 'mix', 'rate', 'total'],
        rows.map((c) => causeRow(e, c)),
        [false, true, true, true, true, true],
      ).trimEnd(),
    );
  }
  if (e.drivers.length > 0) {
    out.push('', 'Other values that stand out (all dimensions and pairs):');
    for (const d of e.drivers.slice(0, 5)) out.push(`  ${d.dimension} = ${d.value}: ${delta(e, d.total)}`);
  }
  for (const c of e.composition.slice(0, 2)) {
    out.push('', `Composition of ${c.dimension}:`);
    for (const x of c.causes.slice(0, 3))
      out.push(`  ${x.value}: share ${pct(x.share?.[0])} → ${pct(x.share?.[1])}`);
  }
  out.push('', `${e.search.length} splits searched with ${e.queries} grouped queries.`);
  return `${out.join('\n')}\n`;
}
