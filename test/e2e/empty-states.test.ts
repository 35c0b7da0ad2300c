import { describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { openPage, useBrowser } from './helpers/browser.js';

/** The fixture shop without traffic, ad spend and products: panels that need them say so. */
const fx = serveFixture({}, async (wh) => {
  for (const t of ['traffic_daily', 'marketing_spend', 'products']) await wh.run(`DELETE FROM ${t}`);
});
const b = useBrowser();

describe('dashboard with tables missing', () => {
  it('names the missing table on the cards and panels that need it; the rest still shows', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31`);
    await page.locator('[data-kpi="gmv"]:not([data-value=""])').waitFor();
    expect(await page.locator('[data-kpi="gmv"] .kpi-value').textContent()).toBe('¥988.00');
    expect(await page.locator('[data-kpi="conversion"] .kpi-note').textContent()).toBe(
      '缺少 traffic_daily 数据：导入后此处显示',
    );
    expect(await page.locator('[data-kpi="visitors"] .kpi-note').textContent()).toContain('traffic_daily');
    expect(await page.locator('[data-kpi="roas"] .kpi-note').textContent()).toContain('marketing_spend');
    // no category filter without products
    expect(await page.locator('select[data-filter="category"]').count()).toBe(0);
    await page.goto(`${fx.server.url}/?view=breakdown&dim=category&today=2026-10-31&lang=en`);
    await page.locator('.status-missing').waitFor();
    expect(await page.locator('.status-missing').textContent()).toBe(
      'No products data yet: import it to see this',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an empty period says there is no data', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?view=breakdown&preset=custom&from=2026-06-01&to=2026-06-30`);
    await page.locator('.status-empty').waitFor();
    expect(await page.locator('.status-empty').textContent()).toBe('所选范围内没有数据');
    expect(errors).toEqual([]);
    await page.close();
  });
});
