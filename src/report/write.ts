import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report } from './model.js';
import { renderHtml } from './render/html.js';
import { renderMarkdown } from './render/markdown.js';

export type ReportFormat = 'md' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['md', 'html'];

/** `review-2026-10.zh.md` */
export function reportFileName(report: Report, format: ReportFormat): string {
  return `review-${report.meta.month}.${report.meta.language}.${format}`;
}

export function renderReport(report: Report, format: ReportFormat): string {
  return format === 'md' ? renderMarkdown(report) : renderHtml(report);
}

/** Writes the report in each format into `dir` (created if needed); returns the paths written. */
export function writeReport(report: Report, formats: ReportFormat[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return formats.map((format) => {
    const path = resolve(join(dir, reportFileName(report, format)));
    // Written beside and renamed, so a reader never sees half a report.
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, renderReport(report, format));
    renameSync(tmp, path);
    return path;
  });
}
