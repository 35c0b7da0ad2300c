import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FupanError } from '../../errors.js';
import { type Lang, parseAnalysisSections, SECTION_CHOICES } from '../../report/model.js';
import { parseMonth } from '../../report/period.js';
import type { ReportFormat } from '../../report/write.js';
import { inUseByServer } from '../../server/api-client.js';
import { forwardReport } from '../../server/report-client.js';
import { readRuntimeFile } from '../../server/runtime-file.js';
import { commandContext, type GlobalOptions, withWarehouse } from '../context.js';

interface ReportOptions {
  month?: string;
  lang?: string;
  format?: string;
  out: string;
  shop?: string;
  reproducible?: boolean;
  profile?: boolean;
  sections?: string;
}

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value === 'all' ? [...allowed] : value.split(',').map((s) => s.trim());
  for (const i of items) {
    if (!allowed.includes(i as T)) {
      throw new FupanError(
        'USAGE',
        `--${what} must be ${allowed.join(', ')} or a comma list of them (got "${i}")`,
      );
    }
  }
  return [...new Set(items as T[])];
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the monthly review (复盘) as Markdown and self-contained HTML')
    .option('--month <YYYY-MM>', 'month to review (default: the last complete month in the data)')
    .option('--lang <zh|en>', 'language: zh, en or zh,en (default: the config language, zh)')
    .option('--format <md|html>', 'md, html or md,html', 'md,html')
    .option('--out <dir>', 'folder to write into', 'reports')
    .option('--shop <name>', "shop name in the title (default: the database file's name)")
    .option('--reproducible', 'leave the generation time out (byte-identical output for the same data)')
    .option(
      '--sections <list>',
      `analysis sections: ${SECTION_CHOICES} (default: all; overview, GMV structure, daily trend, scope and appendix are always written)`,
    )
    .option(
      '--profile',
      'print time per section and the slowest queries to stderr (also FUPAN_PROFILE=1; FUPAN_PROFILE_SQL=FILE also writes every statement to FILE)',
    )
    .addHelpText(
      'after',
      '\nThe default month is the latest month with paid orders whose last day has passed and that the data\n' +
        'covers to its end; when the data stops mid-month, the month before it (see docs/report.md).',
    )
    .action(async (opts: ReportOptions) => {
      const global = program.opts<GlobalOptions>();
      const ctx = commandContext(global);
      const langs = list<Lang>(opts.lang ?? ctx.loaded.config.language, ['zh', 'en'], 'lang');
      const formats = list<ReportFormat>(opts.format ?? 'md,html', ['md', 'html'], 'format');
      const sections = parseAnalysisSections(opts.sections ?? 'all');
      if (!sections) {
        throw new FupanError('USAGE', `--sections must be ${SECTION_CHOICES} (got "${opts.sections}")`);
      }
      if (!existsSync(ctx.dbPath)) {
        throw new FupanError(
          'NO_DATA',
          `no database at ${ctx.dbPath}. Create one with \`fupan demo\` or \`fupan import <files>\`, or pass --db.`,
        );
      }
      // A running `fupan serve` owns the database: the server renders, this process writes the files.
      const server = readRuntimeFile(ctx.dbPath);
      if (server) {
        if (opts.profile)
          throw inUseByServer(server, '--profile times the report on the file itself; stop the server first');
        if (opts.month) parseMonth(opts.month);
        const out = { langs, formats, out: opts.out, reproducible: opts.reproducible };
        const paths = await forwardReport(server, { ...out, month: opts.month, shop: opts.shop, sections });
        for (const p of paths) process.stdout.write(`${p}\n`);
        return;
      }
      // Loaded here, not at start-up: other commands do not need the report's code. The renderers
      // (ECharts is heavy) load while the database opens and the queries run, awaited only to write.
      const { monthlyReports, reportSession } = await import('../../report/monthly.js');
      const { ReportProfile } = await import('../../report/profile.js');
      const renderers = import('../../report/write.js');
      const profile = opts.profile || process.env.FUPAN_PROFILE === '1' ? new ReportProfile() : undefined;
      const reports = await withWarehouse(
        global,
        (wh, { loaded }) =>
          monthlyReports(wh, loaded.config, {
            month: opts.month,
            langs,
            shop: opts.shop,
            now: new Date(),
            omitGeneratedAt: opts.reproducible,
            profile,
            sections,
          }),
        reportSession(),
      );
      const { writeReport } = await renderers;
      const write = () => reports.flatMap((r) => writeReport(r, formats, resolve(opts.out)));
      const paths = profile ? await profile.section('write', async () => write()) : write();
      if (profile) process.stderr.write(profile.format());
      if (profile && process.env.FUPAN_PROFILE_SQL) profile.writeStatements(process.env.FUPAN_PROFILE_SQL);
      for (const p of paths) process.stdout.write(`${p}\n`);
    });
}
