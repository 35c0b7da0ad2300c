import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { ARTIFACTS, lazyPanel, openPage, useBrowser } from './helpers/browser.js';

/**
 * The 客户洞察 panel of the overview in headless Chromium over the fixture shop (test/fixtures/shop):
 * `today=2026-10-31` makes 本月 = October 2026, so the panel shows that month.
 */
const fx = serveFixture();
const b = useBrowser();

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of /api/customers/* (src/server/routes/customers.ts)
async function api(path: string): Promise<any> {
  return (await fetch(`${fx.server.url}${path}`)).json();
}

describe('dashboard: customer insight panel', () => {
  it('shows the cohort heatmap and the RFM segments with exactly the API numbers', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31`);
    // below the fold: loaded as it comes into view
    const panel = await lazyPanel(page, 'customers', '[data-cohort-table]');
    const cohorts = await api('/api/customers/cohorts?month=2026-10');
    const rfm = await api('/api/customers/rfm?month=2026-10');
    expect(cohorts.cohorts.length).toBeGreaterThan(0);

    const rows = panel.locator('tr[data-cohort]');
    expect(await rows.count()).toBe(cohorts.cohorts.length);
    for (const [i, c] of cohorts.cohorts.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-cohort')).toBe(c.cohort);
      expect(Number(await row.getAttribute('data-size'))).toBe(c.size);
      for (let k = 1; k <= 6; k++) {
        const cell = row.locator(`td[data-k="${k}"]`);
        const active = c.active[k];
        expect(await cell.getAttribute('data-active'), `${c.cohort} k=${k}`).toBe(
          active === null || active === undefined ? '' : String(active),
        );
        const r = c.retention[k];
        expect((await cell.textContent()) ?? '').toBe(
          r === null || r === undefined ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`,
        );
      }
    }

    const segs = panel.locator('tr[data-segment]');
    const shown = rfm.segments.filter((s: { customers: number }) => s.customers > 0);
    expect(await segs.count()).toBe(shown.length);
    for (const [i, s] of shown.entries()) {
      expect(await segs.nth(i).getAttribute('data-segment')).toBe(s.segment);
      expect(Number(await segs.nth(i).getAttribute('data-customers'))).toBe(s.customers);
      expect(await segs.nth(i).locator('td').first().textContent()).toBe(s.zh);
    }
    // The link opens the report of the same month at its customer section.
    const href = await panel.locator('[data-report-section="customers"]').getAttribute('href');
    expect(href).toContain('month=2026-10');
    expect(href).toMatch(/#customers$/);

    await page.waitForLoadState('networkidle');
    await panel.screenshot({ path: join(ARTIFACTS, 'e2e-customers-panel.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks English too', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31&lang=en`);
    const panel = await lazyPanel(page, 'customers', '[data-rfm-table]');
    expect(await panel.locator('h2').textContent()).toBe('Customer insight');
    const rfm = await api('/api/customers/rfm?month=2026-10');
    const first = rfm.segments.find((s: { customers: number }) => s.customers > 0);
    expect(await panel.locator('tr[data-segment] td').first().textContent()).toBe(first.en);
    const href = await panel.locator('[data-report-section="customers"]').getAttribute('href');
    expect(href).toContain('lang=en');
    await page.waitForLoadState('networkidle');
    await panel.screenshot({ path: join(ARTIFACTS, 'e2e-customers-panel-en.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
