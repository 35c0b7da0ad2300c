import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FupanError } from '../../errors.js';
import type { ImportResult } from '../../ingest/types.js';
import type { TableName } from '../../schema/tables.js';
import { forwardImport } from '../../server/import-client.js';
import { readRuntimeFile } from '../../server/runtime-file.js';
import type { GlobalOptions } from '../context.js';
import { commandContext, withWarehouse } from '../context.js';
import { summaryText } from './import.js';

interface DemoCliOptions {
  months: string;
  scale: string;
  seed: string;
  end?: string;
  out: string;
  import: boolean;
}

/** Import order: dimensions first, then facts. */
const IMPORT_ORDER: TableName[] = [
  'products',
  'customers',
  'orders',
  'order_lines',
  'traffic_daily',
  'marketing_spend',
  'targets',
];

function number(value: string, name: string, check: (n: number) => boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new FupanError('USAGE', `--${name}: invalid value "${value}"`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate the seeded demo shop (canonical CSV files + ground-truth.json) and import it')
    .option('--months <n>', 'months of history, ending with the planted month', '24')
    .option('--scale <s>', 'multiplies customers, traffic and spend (1 ≈ 250 k order lines; 40 ≈ 10 M)', '1')
    .option('--seed <n>', 'random seed (same seed and options → identical files)', '42')
    .option('--end <YYYY-MM>', 'last month of the data (default: the last complete month before today)')
    .option('--out <dir>', 'folder for the generated files', 'demo-data')
    .option('--no-import', 'only write the files')
    .action(async (opts: DemoCliOptions) => {
      const global = program.opts<GlobalOptions>();
      const ctx = commandContext(global);
      // Loaded here, not at start-up, as the importer below: for this command only.
      const { generateDemo, lastCompleteMonth } = await import('../../demo/index.js');
      const timeZone = ctx.loaded.config.timeZone;
      const months = number(opts.months, 'months', (n) => Number.isInteger(n) && n >= 2 && n <= 120);
      const scale = number(opts.scale, 'scale', (n) => n > 0 && n <= 1000);
      const seed = number(opts.seed, 'seed', Number.isInteger);
      const endMonth = opts.end ?? lastCompleteMonth(new Date(), timeZone);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(endMonth)) throw new FupanError('USAGE', '--end must be YYYY-MM');
      const outDir = resolve(opts.out);
      const tty = Boolean(process.stderr.isTTY);
      let lastPct = -1;
      const demo = generateDemo({
        outDir,
        months,
        endMonth,
        scale,
        seed,
        timeZone,
        onProgress: tty
          ? (done, total) => {
              const pct = Math.floor((100 * done) / total);
              if (pct === lastPct) return;
              lastPct = pct;
              process.stderr.write(`\rgenerating demo shop … ${pct}%`);
              if (done === total) process.stderr.write('\n');
            }
          : undefined,
      });
      const c = demo.counts;
      process.stdout.write(
        `demo shop ${endMonth} (${months} months, scale ${scale}, seed ${seed}) written to ${outDir} in ` +
          `${(demo.ms / 1000).toFixed(1)} s: ${c.orders} orders, ${c.order_lines} order lines, ` +
          `${c.customers} customers, ${c.products} products, ${c.traffic_daily} traffic rows, ` +
          `${c.marketing_spend} spend rows, ${c.targets} targets\n` +
          `planted ground truth: ${demo.groundTruthPath} (see docs/demo.md)\n`,
      );
      if (!opts.import) return;

      const server = readRuntimeFile(ctx.dbPath);
      const onProgress = tty
        ? (p: { file: string; done: number; total: number }) => {
            const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
            process.stderr.write(`\rimporting ${p.file.slice(outDir.length + 1)} … ${pct}%   `);
            if (p.done >= p.total) process.stderr.write('\n');
          }
        : undefined;
      const started = performance.now();
      let results: ImportResult[] = [];
      let existing = 0;
      if (server) {
        process.stderr.write(`fupan serve (PID ${server.pid}) owns the database: importing through it\n`);
        for (const t of IMPORT_ORDER)
          results.push(...(await forwardImport(server, [demo.files[t]], { table: t })));
      } else {
        results = await withWarehouse(
          global,
          async (wh) => {
            const [row] = await wh.query('SELECT count(*) AS n FROM orders');
            existing = Number(row?.n ?? 0);
            const out: ImportResult[] = [];
            const { importFiles } = await import('../../ingest/index.js');
            for (const t of IMPORT_ORDER)
              out.push(...(await importFiles(wh, [demo.files[t]], { table: t, onProgress })));
            return out;
          },
          { allowedDirs: [outDir, tmpdir()] },
        );
      }
      process.stdout.write(summaryText(results));
      if (existing > 0 && results.some((r) => !r.skippedAsDuplicate)) {
        process.stdout.write(
          `note: the database already held ${existing} orders; the demo rows were merged by key. ` +
            'Use a new --db for a clean demo shop.\n',
        );
      }
      process.stdout.write(
        `demo imported into ${ctx.dbPath} in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
          `Next: fupan report --month ${endMonth}\n`,
      );
    });
}
