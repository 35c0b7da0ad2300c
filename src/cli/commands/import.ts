import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { FupanError } from '../../errors.js';
import type { ImportResult } from '../../ingest/types.js';
import { isTableName, TABLE_NAMES } from '../../schema/tables.js';
import { forwardImport } from '../../server/import-client.js';
import { readRuntimeFile } from '../../server/runtime-file.js';
import type { GlobalOptions } from '../context.js';
import { commandContext, withWarehouse } from '../context.js';

interface ImportCliOptions {
  table?: string;
  mapping?: string;
  skipBadRows?: boolean;
  rejectsDir?: string;
  format?: string;
  force?: boolean;
}

/** Files below this size get no progress bar. */
const BAR_MIN_BYTES = 20 * 1024 * 1024;

function rate(r: ImportResult): string {
  const s = r.ms / 1000;
  return s > 0 ? `${Math.round(r.rowsRead / s).toLocaleString('en-US')} rows/s` : '';
}

export function summaryText(results: ImportResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.error) {
      const counts = r.rowsRead > 0 ? ` (${r.rowsRead} read, ${r.rejected} rejected, none loaded)` : '';
      out.push(`✗ ${r.file}: refused${counts} — ${r.error.message}`);
      continue;
    }
    if (r.skippedAsDuplicate) {
      out.push(`= ${r.file}: already imported (identical content), nothing changed (${r.unchanged} rows)`);
      continue;
    }
    const also = r.alsoLoaded
      .map((a) => `; ${a.table}: ${a.inserted} inserted, ${a.updated} updated, ${a.unchanged ?? 0} unchanged`)
      .join('');
    out.push(
      `✓ ${r.file} → ${r.table}: ${r.rowsRead} read, ${r.inserted} inserted, ${r.updated} updated, ` +
        `${r.unchanged} unchanged, ${r.rejected} rejected${also} (${(r.ms / 1000).toFixed(2)} s, ${rate(r)})`,
    );
    if (r.duplicateKeys)
      out.push(`  ${r.duplicateKeys} row(s) repeated a key of a later row (last row wins)`);
    if (r.rejected > 0) {
      for (const x of r.rejects.slice(0, 5))
        out.push(`  line ${x.line}, ${x.column}: "${x.value}" — ${x.reason}`);
      if (r.rejectsFile) out.push(`  rejects: ${r.rejectsFile}`);
    }
  }
  const ok = results.filter((r) => !r.error);
  // Refused files count the rows they read and rejected (and load nothing).
  const sum = (f: (r: ImportResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const ms = results.reduce((a, r) => a + r.ms, 0);
  out.push(
    `total: ${results.length} file(s), ${sum((r) => r.rowsRead)} rows read, ${sum((r) => r.inserted)} inserted, ` +
      `${sum((r) => r.updated)} updated, ${sum((r) => r.unchanged)} unchanged, ${sum((r) => r.rejected)} rejected, ` +
      `${results.length - ok.length} refused, ${(ms / 1000).toFixed(2)} s`,
  );
  return `${out.join('\n')}\n`;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import exports (CSV/GBK, XLSX, Parquet, JSON) into the canonical tables')
    .argument('<files...>', 'files to import, each loaded whole or not at all')
    .option(
      '--table <table>',
      `target table (${TABLE_NAMES.join(', ')}); inferred from the headers when absent`,
    )
    .option('--mapping <name|file>', 'mapping preset (shopify, cdnow, invoice-lines) or a JSON mapping file')
    .option('--skip-bad-rows', 'load the good rows of a file with bad rows (the bad ones are still reported)')
    .option('--rejects-dir <dir>', 'folder for <file>.rejects.csv (default: beside the database)')
    .option('--force', 're-apply files whose identical content was imported before')
    .option('--format <format>', 'summary format: text or json', 'text')
    .action(async (files: string[], opts: ImportCliOptions) => {
      if (opts.table && !isTableName(opts.table)) {
        throw new FupanError('USAGE', `--table must be one of ${TABLE_NAMES.join(', ')}`);
      }
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new FupanError('USAGE', '--format must be text or json');
      const global = program.opts<GlobalOptions>();
      const folders = [...new Set(files.map((f) => dirname(resolve(f)))), tmpdir()];
      const showBar = Boolean(process.stderr.isTTY) && opts.format === 'text';
      let bar: SingleBar | undefined;
      // A running `fupan serve` owns the database: send the files through it instead.
      const server = readRuntimeFile(commandContext(global).dbPath);
      if (server)
        process.stderr.write(`fupan serve (PID ${server.pid}) owns the database: importing through it\n`);
      // Loaded here, not at start-up, as the readers (encodings, XLSX) below: for this command only.
      const cliProgress = showBar ? (await import('cli-progress')).default : undefined;
      const results = server
        ? await forwardImport(server, files, {
            table: opts.table as never,
            mapping: opts.mapping,
            skipBadRows: Boolean(opts.skipBadRows),
            force: Boolean(opts.force),
          })
        : await withWarehouse(
            global,
            async (wh) =>
              (await import('../../ingest/index.js')).importFiles(wh, files, {
                table: opts.table as never,
                mapping: opts.mapping,
                skipBadRows: Boolean(opts.skipBadRows),
                rejectsDir: opts.rejectsDir,
                force: Boolean(opts.force),
                keepGoing: true,
                onProgress: cliProgress
                  ? (p) => {
                      if (p.total < BAR_MIN_BYTES) return;
                      if (!bar) {
                        bar = new cliProgress.SingleBar(
                          {
                            format: ' {bar} {percentage}% | {file}',
                            stream: process.stderr,
                            hideCursor: true,
                          },
                          cliProgress.Presets.shades_classic,
                        );
                        bar.start(p.total, 0, { file: p.file });
                      }
                      bar.setTotal(p.total);
                      bar.update(p.done, { file: p.file });
                      if (p.done >= p.total) {
                        bar.stop();
                        bar = undefined;
                      }
                    }
                  : undefined,
              }),
            { allowedDirs: folders },
          );
      bar?.stop();
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else process.stdout.write(summaryText(results));
      const refused = results.filter((r) => r.error);
      if (refused.length > 0) {
        throw new FupanError(
          'INGEST_BAD_FILE',
          `${refused.length} of ${results.length} file(s) refused (see above)`,
        );
      }
    });
}
