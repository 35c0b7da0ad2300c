import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FupanError } from '../errors.js';
import type { AnalysisSection } from '../report/model.js';
import { serverGet } from './api-client.js';
import type { ServeRuntime } from './runtime-file.js';

/** The only names a report download may be written under (`review-2026-10.zh.md`). */
const REPORT_NAME = /^review-\d{4}-\d{2}\.(zh|en)\.(md|html)$/;

export interface ForwardReportOptions {
  month?: string;
  langs: Array<'zh' | 'en'>;
  formats: Array<'md' | 'html'>;
  shop?: string;
  reproducible?: boolean;
  /** The analysis sections (default: all). */
  sections?: readonly AnalysisSection[];
  /** Folder to write into (created if needed). */
  out: string;
}

/**
 * `fupan report` through the running server: each language and format downloaded from GET
 * /api/report and written into `out` under the name the server gives it (checked against the
 * report's own naming, so a file can never land elsewhere), as `writeReport` would: written beside
 * and renamed. Returns the paths in the order `fupan report` prints them.
 */
export async function forwardReport(server: ServeRuntime, opts: ForwardReportOptions): Promise<string[]> {
  const dir = resolve(opts.out);
  const paths: string[] = [];
  for (const lang of opts.langs) {
    for (const format of opts.formats) {
      const q = new URLSearchParams({ lang, format, reproducible: opts.reproducible ? '1' : '0' });
      if (opts.month) q.set('month', opts.month);
      if (opts.shop !== undefined) q.set('shop', opts.shop);
      if (opts.sections) q.set('sections', opts.sections.length > 0 ? opts.sections.join(',') : 'none');
      const res = await serverGet(server, `/api/report?${q}`);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
      if (!REPORT_NAME.test(name)) {
        throw new FupanError('DB_IN_USE', `fupan serve (PID ${server.pid}) sent a report named "${name}"`);
      }
      const text = await res.text();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, text);
      renameSync(tmp, path);
      paths.push(path);
    }
  }
  return paths;
}
