import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { FupanError } from '../../errors.js';
import {
  DIMENSIONS,
  latestCompleteMonth,
  METRICS,
  type MetricRow,
  metricDef,
  planQuery,
  type QuerySpec,
  query,
} from '../../metrics/index.js';
import { parseQueryParams } from '../../metrics/request.js';
import type { Period } from '../../metrics/types.js';
import { inUseByServer } from '../../server/api-client.js';
import { forwardQuery } from '../../server/query-client.js';
import { readRuntimeFile } from '../../server/runtime-file.js';
import { csvCell } from '../../server/to-csv.js';
import type { GlobalOptions } from '../context.js';
import { commandContext, withWarehouse } from '../context.js';
import { textTable } from '../format/table.js';

interface QueryCliOptions {
  metrics?: string;
  by?: string;
  month?: string;
  from?: string;
  to?: string;
  filter: string[];
  compare?: string;
  sort?: string;
  limit?: string;
  format: string;
  sql?: boolean;
  list?: boolean;
}

const usage = (message: string) => new FupanError('USAGE', message);
const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('compute metrics by dimensions for a period (the numbers every report uses)')
    .option('--metrics <list>', 'metrics, comma-separated (see --list), e.g. gmv,orders,buyers')
    .option('--by <list>', 'dimensions to group by, comma-separated, e.g. channel or month,channel')
    .option('--month <YYYY-MM>', 'calendar month (default: the latest complete month with paid orders)')
    .option('--from <YYYY-MM-DD>', 'first day of the period (with --to)')
    .option('--to <YYYY-MM-DD>', 'last day of the period, inclusive')
    .option(
      '--filter <dim=v1,v2>',
      'keep rows where a dimension is one of the values (dim!=… excludes); repeatable',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--compare <list>', 'mom (环比) and/or yoy (同比): adds <metric>_<c>_base and <metric>_<c>')
    .option('--sort <field:dir>', 'sort by output fields, e.g. gmv:desc (default: by dimensions)')
    .option('--limit <n>', 'at most n rows')
    .option('--format <fmt>', 'table, csv or json', 'table')
    .option('--sql', 'print the SQL and bound values instead of running it')
    .option('--list', 'list metrics and dimensions')
    .action(async (opts: QueryCliOptions) => {
      if (!['table', 'csv', 'json'].includes(opts.format)) throw usage('--format must be table, csv or json');
      if (opts.list) {
        process.stdout.write(listing(opts.format));
        return;
      }
      const metrics = list(opts.metrics);
      if (metrics.length === 0)
        throw usage('--metrics is required (e.g. --metrics gmv,orders); --list shows them');
      const global = program.opts<GlobalOptions>();
      const { dbPath } = commandContext(global);
      if (!existsSync(dbPath)) {
        throw new FupanError(
          'NO_DATA',
          `${dbPath} does not exist: import data with \`fupan import\` (or \`fupan demo\`) first`,
        );
      }
      // A running `fupan serve` owns the database: ask it (GET /api/query parses the same parameters).
      const server = readRuntimeFile(dbPath);
      if (server) {
        if (opts.sql)
          throw inUseByServer(server, '--sql needs the database file itself; stop the server first');
        const { rows, period } = await forwardQuery(server, opts);
        const spec = await parseQueryParams(opts, async () => period?.from.slice(0, 7) ?? null);
        print(opts.format, rows, spec, period ?? spec.period);
        return;
      }
      await withWarehouse(
        global,
        async (wh, ctx) => {
          // The same parsing as GET /api/query, so both answer a request identically.
          const spec = await parseQueryParams(opts, () => latestCompleteMonth(wh));
          const weekStart = ctx.loaded.config.weekStart;
          if (opts.sql) {
            for (const s of planQuery(wh, spec, { weekStart }).statements) {
              const periods = s.periods.map(
                (p, i) => `${s.periods.length > 1 ? `_p = ${i}: ` : ''}${p.from} .. ${p.to}`,
              );
              const params = s.params.map((p, i) => `${wh.dialect.param(i + 1)} = ${JSON.stringify(p)}`);
              process.stdout.write(`-- periods ${periods.join('; ')}\n`);
              process.stdout.write(`-- ${params.join(', ')}\n${s.sql};\n\n`);
            }
            return;
          }
          const result = await query(wh, spec, { weekStart });
          print(opts.format, result.rows, spec, result.period);
        },
        { readOnly: true },
      );
    });
}

/** The rows as the chosen format on stdout (the same bytes whether run here or through the server). */
function print(format: string, rows: MetricRow[], spec: QuerySpec, period: Period): void {
  const fields = rows.length > 0 ? Object.keys(rows[0]) : fieldNames(spec);
  process.stdout.write(render(format, fields, rows, spec));
  if (format === 'table')
    process.stderr.write(`period ${period.from} .. ${period.to}, ${rows.length} rows\n`);
}

function fieldNames(spec: QuerySpec): string[] {
  const fields = [...(spec.dimensions ?? []), ...spec.metrics];
  for (const c of spec.compare ?? [])
    for (const m of spec.metrics) fields.push(`${m}_${c}_base`, `${m}_${c}`);
  return fields;
}

function render(format: string, fields: string[], rows: MetricRow[], spec: QuerySpec): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    return `${[fields, ...rows.map((r) => fields.map((f) => r[f]))].map((cells) => cells.map(csvCell).join(',')).join('\n')}\n`;
  }
  const dims = new Set(spec.dimensions ?? []);
  return textTable(
    fields,
    rows.map((r) => fields.map((f) => (dims.has(f) ? String(r[f] ?? '') : formatValue(f, r[f], spec)))),
    fields.map((f) => !dims.has(f)),
  );
}

const group = (n: number, decimals: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Human formatting for the table: money 1,234.50, counts 1,234, rates 12.34 %, changes +5.00 %. */
function formatValue(field: string, v: MetricRow[string], spec: QuerySpec): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  const metric = spec.metrics.find(
    (m) => field === m || field.startsWith(`${m}_mom`) || field.startsWith(`${m}_yoy`),
  );
  const isChange = metric !== undefined && field !== metric && !field.endsWith('_base');
  if (isChange) return `${v > 0 ? '+' : ''}${(v * 100).toFixed(2)}%`;
  switch (metric ? metricDef(metric).format : 'number') {
    case 'money':
      return group(v, 2);
    case 'integer':
      return group(v, 0);
    case 'percent':
      return `${(v * 100).toFixed(2)}%`;
    default:
      return group(v, 2);
  }
}

function listing(format: string): string {
  const metrics = Object.values(METRICS);
  const dimensions = Object.values(DIMENSIONS);
  if (format === 'json') return `${JSON.stringify({ metrics, dimensions }, null, 2)}\n`;
  if (format === 'csv') {
    const rows = [
      ['kind', 'name', 'zh', 'en', 'format', 'formula'],
      ...metrics.map((m) => ['metric', m.name, m.label.zh, m.label.en, m.format, m.formula ?? '']),
      ...dimensions.map((d) => ['dimension', d.name, d.label.zh, d.label.en, '', d.description ?? '']),
    ];
    return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  }
  const m = textTable(
    ['metric', '中文', 'English', 'format'],
    metrics.map((x) => [x.name, x.label.zh, x.label.en, x.format]),
    [false, false, false, false],
  );
  const d = textTable(
    ['dimension', '中文', 'English'],
    dimensions.map((x) => [x.name, x.label.zh, x.label.en]),
    [false, false, false],
  );
  const targets =
    'Every metric m also has m_target and m_target_completion (monthly targets from the targets table).\n';
  return `${m}\n${targets}\n${d}`;
}
