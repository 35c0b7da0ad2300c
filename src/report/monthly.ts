import { basename } from 'node:path';
import type { FupanConfig } from '../config/config.js';
import { FupanError } from '../errors.js';
import { DIMENSIONS, METRICS, query } from '../metrics/index.js';
import type { QueryResult } from '../metrics/types.js';
import { dataCoverage } from '../warehouse/coverage.js';
import { importLedger } from '../warehouse/ledger.js';
import type { OpenOptions, Warehouse } from '../warehouse/warehouse.js';
import { buildMonthlyReport, type SectionRunner } from './build.js';
import {
  ANALYSIS_SECTIONS,
  type AnalysisSection,
  type DataRange,
  type Lang,
  type Report,
  type SourceFile,
} from './model.js';
import { chooseReportMonth, monthOf, monthPeriod, parseMonth, todayIn } from './period.js';
import type { ReportProfile } from './profile.js';
import { loadChannelSection } from './sections/channels.js';
import { loadCustomerInsight } from './sections/customers.js';
import { loadDiagnosis } from './sections/diagnosis.js';
import type { QueryFn } from './trace.js';

export interface MonthlyReportRequest {
  /** YYYY-MM; default: the last complete month (see chooseReportMonth). */
  month?: string;
  lang: Lang;
  /** Shop name in the title; default: the database file's name. */
  shop?: string;
  /** The clock, for the default month and the "generated at" line. */
  now: Date;
  /** Leave the generation time out of the report (reproducible output). */
  omitGeneratedAt?: boolean;
  /** Times sections and queries (`fupan report --profile`); the report is the same without it. */
  profile?: ReportProfile;
  /** The analysis sections to include (default: all of ANALYSIS_SECTIONS); diagnosis brings anomalies. */
  sections?: readonly AnalysisSection[];
}

/** `2026-11-02T02:03:04Z` in Asia/Shanghai → `2026-11-02 10:03`. */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The month to report on, and whether the data covers all of it. */
export function resolveMonth(
  requested: string | undefined,
  paid: { from: string | null; to: string | null },
  today: string,
): { month: string; complete: boolean } {
  if (!paid.from || !paid.to) {
    throw new FupanError(
      'NO_DATA',
      'the database has no paid orders. Import data with `fupan import <files>` or create the demo shop with `fupan demo`.',
    );
  }
  if (!requested) return chooseReportMonth({ firstDataDate: paid.from, lastDataDate: paid.to, today });
  parseMonth(requested);
  if (requested < monthOf(paid.from) || requested > monthOf(paid.to)) {
    throw new FupanError(
      'NO_DATA',
      `no paid orders in ${requested}: the data covers ${paid.from} to ${paid.to}. Choose a month in that range.`,
      { month: requested },
    );
  }
  return { month: requested, complete: paid.to >= monthPeriod(requested).to };
}

/**
 * How the CLI opens the database for a report: read-only, with the engine's memory bounded so that
 * the largest per-customer aggregations spill to disk instead of growing the process (issue 2: peak
 * under 1 GiB at 10 M order lines; Node itself takes ~170 MB). FUPAN_MEMORY_LIMIT overrides it.
 */
export function reportSession(env: NodeJS.ProcessEnv = process.env): Omit<OpenOptions, 'timeZone'> {
  return {
    readOnly: true,
    memoryLimit: env.FUPAN_MEMORY_LIMIT || '500MB',
    preserveInsertionOrder: false,
  };
}

/**
 * Reads what the report needs from a warehouse (coverage, ledger, metrics) and builds it in each
 * language. Query results are shared between languages: each spec runs once. Sections load one after
 * another on one connection: on two cores each large query already keeps both busy, and queries run
 * side by side share the memory limit and spill more (measured at 10 M lines: slower, not faster).
 */
export async function monthlyReports(
  warehouse: Warehouse,
  config: FupanConfig,
  req: Omit<MonthlyReportRequest, 'lang'> & { langs: Lang[] },
): Promise<Report[]> {
  const profile = req.profile;
  const section: SectionRunner = (name, fn) => (profile ? profile.section(name, fn) : fn());
  const wh = profile ? profile.warehouse(warehouse) : warehouse;
  const coverage = await section('coverage', () => dataCoverage(wh));
  const paid = coverage.find((c) => c.table === 'orders') ?? { from: null, to: null };
  const { month, complete } = resolveMonth(req.month, paid, todayIn(config.timeZone, req.now));
  const dataRanges: DataRange[] = coverage.map((c) => ({
    table: c.table,
    from: c.from,
    to: c.to,
    rows: c.rows,
  }));
  const sources: SourceFile[] = (await importLedger(wh)).map((e) => ({
    file: basename(e.file),
    table: e.table,
    rows: e.rowsRead - e.rowsRejected,
    importedAt: localDateTime(e.finishedAt, config.timeZone),
  }));
  const results = new Map<string, Promise<QueryResult>>();
  const memoQuery: QueryFn = (spec) => {
    const key = JSON.stringify(spec);
    let r = results.get(key);
    if (!r) {
      r = query(wh, spec, { weekStart: config.weekStart });
      results.set(key, r);
    }
    return r;
  };
  const registry = { metrics: Object.values(METRICS), dimensions: Object.values(DIMENSIONS) };
  const wanted = new Set<AnalysisSection>(req.sections ?? ANALYSIS_SECTIONS);
  const load = <T>(name: AnalysisSection, fn: () => Promise<T>) =>
    wanted.has(name) ? section(name, fn) : Promise.resolve(undefined);
  const customers = await load('customers', () => loadCustomerInsight(wh, month, config.thresholds));
  const channels = await load('channels', () => loadChannelSection(wh, month, config));
  const diagnosis = await load('diagnosis', () => loadDiagnosis(wh, month, config));
  const reports: Report[] = [];
  for (const lang of req.langs) {
    reports.push(
      await buildMonthlyReport(
        {
          query: memoQuery,
          registry,
          month,
          lang,
          shop: req.shop ?? basename(wh.path).replace(/\.[^.]+$/, ''),
          currency: config.currency,
          timeZone: config.timeZone,
          dataRanges,
          sources,
          complete,
          lastDataDate: paid.to ?? undefined,
          customers,
          channels,
          diagnosis,
          ...(req.omitGeneratedAt
            ? {}
            : { generatedAt: localDateTime(req.now.toISOString(), config.timeZone) }),
        },
        section,
      ),
    );
  }
  return reports;
}

/** One report in one language (see monthlyReports). */
export async function monthlyReport(
  wh: Warehouse,
  config: FupanConfig,
  req: MonthlyReportRequest,
): Promise<Report> {
  const [report] = await monthlyReports(wh, config, { ...req, langs: [req.lang] });
  return report;
}
