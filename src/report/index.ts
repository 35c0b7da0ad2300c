/** The monthly review: model, builders and renderers. */
export { buildMonthlyReport, type MonthlyReportInput } from './build.js';
export type * from './model.js';
export { type MonthlyReportRequest, monthlyReport, resolveMonth } from './monthly.js';
export { chooseReportMonth, monthPeriod } from './period.js';
export { renderHtml } from './render/html.js';
export { renderMarkdown } from './render/markdown.js';
export { REPORT_FORMATS, type ReportFormat, renderReport, reportFileName, writeReport } from './write.js';
