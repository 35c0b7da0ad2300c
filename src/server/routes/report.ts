import { Hono } from 'hono';
import type { FupanConfig } from '../../config/config.js';
import { FupanError } from '../../errors.js';
import { parseAnalysisSections, type Report, SECTION_CHOICES } from '../../report/model.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import type { ResultCache } from '../result-cache.js';

const usage = (message: string) => new FupanError('USAGE', message);

/**
 * A downloaded report may style itself inline and carry inline SVG, but never run a script: the
 * self-contained HTML of `fupan report` needs nothing else.
 */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * GET /api/report?month=YYYY-MM&lang=zh|en&format=md|html[&shop=name][&reproducible=1][&sections=…]
 * — the monthly review exactly as `fupan report` writes it, as a download (default month: the last
 * complete one; default language: the config's; default format: html; default shop name: the
 * database file's; default sections: all). `fupan report` fetches its files here while `fupan serve`
 * owns the database.
 */
export function reportRoutes(deps: {
  pool: WarehousePool;
  config: FupanConfig;
  cache: ResultCache<unknown>;
}): Hono {
  return new Hono().get('/report', async (c) => {
    const q = c.req.query();
    for (const k of Object.keys(q)) {
      if (!['month', 'lang', 'format', 'shop', 'reproducible', 'sections'].includes(k))
        throw usage(`unknown parameter "${k.slice(0, 40)}"`);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (q.shop !== undefined && (q.shop.length > 200 || /[\u0000-\u001f\u007f]/.test(q.shop)))
      throw usage('shop must be a name of at most 200 characters');
    if (q.reproducible !== undefined && q.reproducible !== '0' && q.reproducible !== '1')
      throw usage('reproducible must be 0 or 1');
    const reproducible = q.reproducible === '1';
    const sections = parseAnalysisSections(q.sections ?? 'all');
    if (!sections) throw usage(`sections must be ${SECTION_CHOICES}`);
    const lang = q.lang ?? deps.config.language;
    const format = q.format ?? 'html';
    if (lang !== 'zh' && lang !== 'en') throw usage('lang must be zh or en');
    if (format !== 'md' && format !== 'html') throw usage('format must be md or html');
    if (q.month !== undefined && !/^\d{4}-\d{2}$/.test(q.month)) throw usage('month must be YYYY-MM');
    // one model per month, language and options; md and html render from it (`fupan report` fetches both)
    const report = (await deps.cache.get(
      `report:${JSON.stringify([q.month ?? '', lang, q.shop ?? null, reproducible, sections])}`,
      async () => {
        // loaded on first use: the report pulls in ECharts' server-side renderer
        const { monthlyReports } = await import('../../report/monthly.js');
        const [r] = await deps.pool.use((wh) =>
          monthlyReports(wh, deps.config, {
            month: q.month,
            langs: [lang],
            shop: q.shop,
            now: new Date(),
            omitGeneratedAt: reproducible,
            sections,
          }),
        );
        return r;
      },
    )) as Report;
    const { renderReport, reportFileName } = await import('../../report/write.js');
    const text = renderReport(report, format);
    const name = reportFileName(report, format);
    return c.body(text, 200, {
      'Content-Type': format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Content-Security-Policy': REPORT_CSP,
    });
  });
}
