import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { ARTIFACTS, openPage, revealAll, useBrowser } from './helpers/browser.js';

/**
 * The dashboard in real headless Chromium over the hand-computed fixture shop
 * (test/fixtures/shop). `today=2026-10-31` pins the presets: 本月 = October 2026.
 */
const fx = serveFixture();
const b = useBrowser();
const TODAY = 'today=2026-10-31';

async function api(path: string): Promise<Array<Record<string, number | string | null>>> {
  return (await fetch(`${fx.server.url}${path}`)).json();
}

/** The raw value and the text of a KPI card once it has loaded. */
async function kpi(page: Page, metric: string): Promise<{ value: number; text: string }> {
  const card = page.locator(`[data-kpi="${metric}"]:not([data-value=""])`);
  await card.waitFor();
  return {
    value: Number(await card.getAttribute('data-value')),
    text: (await card.locator('.kpi-value').textContent()) ?? '',
  };
}

describe('dashboard overview', () => {
  it('loads with no console errors and shows the API numbers (October GMV ¥988.00 by hand)', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    const gmv = await kpi(page, 'gmv');
    // S4 80 + T1 230 + T2 100 + T3 200 + T4 48 + T5 150 + T6 100 + T7 80 (paid in October, +08)
    expect(gmv.value).toBe(988);
    expect(gmv.text).toBe('¥988.00');
    const [row] = await api('/api/query?metrics=gmv,orders,buyers&from=2026-10-01&to=2026-10-31');
    expect(gmv.value).toBe(row.gmv);
    expect((await kpi(page, 'orders')).value).toBe(row.orders);
    expect((await kpi(page, 'orders')).text).toBe('8');
    expect((await kpi(page, 'buyers')).value).toBe(row.buyers);
    await page.locator('[data-trend-points="31"]').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-overview-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('changing a filter changes the numbers to exactly what the API returns, and the address keeps it', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    await kpi(page, 'gmv');
    await page.locator('select[data-filter="channel"]').selectOption('直播');
    await page.waitForURL(/channel=%E7%9B%B4%E6%92%AD/);
    const [row] = await api(
      `/api/query?metrics=gmv,orders&from=2026-10-01&to=2026-10-31&filter=${encodeURIComponent('channel=直播')}`,
    );
    // S4 80 + T1 230 + T3 200 + T5 150 + T6 100
    expect(row.gmv).toBe(760);
    await expect.poll(async () => (await kpi(page, 'gmv')).value).toBe(760);
    expect((await kpi(page, 'gmv')).text).toBe('¥760.00');
    expect((await kpi(page, 'orders')).value).toBe(row.orders);
    // 上月: September 2026 (S1 90 + S2 150 + S3 46 + S6 30, of which 直播 is S1)
    await page.locator('button[data-preset="last_month"]').click();
    await expect.poll(async () => (await kpi(page, 'gmv')).value).toBe(90);
    await page.locator('button[data-chip="channel"]').click();
    await expect.poll(async () => (await kpi(page, 'gmv')).value).toBe(316);
    expect(page.url()).toContain('preset=last_month');
    expect(page.url()).not.toContain('channel=');
    // Back restores the filtered view from the address
    await page.goBack();
    await expect.poll(async () => (await kpi(page, 'gmv')).value).toBe(90);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('custom dates and the trend grain follow the address and the API', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    await page.locator('[data-trend-points="31"][data-trend-total="988"]').waitFor();
    // weeks start on Monday: 09-28, 10-05, 10-12, 10-19, 10-26 overlap October
    await page.locator('button[data-grain="week"]').click();
    await page.locator('[data-trend-points="5"][data-trend-total="988"]').waitFor();
    await page.locator('button[data-grain="month"]').click();
    await page.locator('[data-trend-points="1"][data-trend-total="988"]').waitFor();
    expect(page.url()).toContain('grain=month');
    await page.locator('button[data-preset="custom"]').click();
    await page.locator('input[data-date="to"]').fill('2026-10-10');
    await page.waitForURL(/preset=custom&from=2026-10-01&to=2026-10-10/);
    // S4 80 + T1 230 + T3 200 + T4 48
    await expect.poll(async () => (await kpi(page, 'gmv')).value).toBe(558);
    const [row] = await api('/api/query?metrics=gmv&from=2026-10-01&to=2026-10-10');
    expect(row.gmv).toBe(558);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cards whose table cannot honour a filter say so', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31&customer_type=new`);
    await page.locator('[data-kpi="gmv"]:not([data-value=""])').waitFor();
    // new buyers in October: u5 (S4 80), u7 (T5 150 + T6 100), u8 (T7 80)
    expect(await page.locator('[data-kpi="gmv"]').getAttribute('data-value')).toBe('410');
    const [row] = await api(
      `/api/query?metrics=gmv&from=2026-10-01&to=2026-10-31&filter=${encodeURIComponent('customer_type=new')}`,
    );
    expect(row.gmv).toBe(410);
    // visitors have no customer type: those cards say the filter does not apply to them
    expect(await page.locator('[data-kpi="conversion"] .kpi-note').textContent()).toBe('不支持按新老客筛选');
    expect(await page.locator('[data-kpi="roas"] .kpi-note').textContent()).toBe('不支持按新老客筛选');
    expect(await page.locator('button[data-chip="customer_type"]').textContent()).toBe('新老客: 新客 ×');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches between Chinese and English', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    await kpi(page, 'gmv');
    expect(await page.locator('[data-kpi="gmv"] h3').textContent()).toBe('成交金额');
    expect(await page.locator('button[data-preset="last_month"]').textContent()).toBe('上月');
    await page.locator('button.lang').click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('[data-kpi="gmv"] h3').textContent()).toBe('GMV');
    expect(await page.locator('button[data-preset="last_month"]').textContent()).toBe('Last month');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await kpi(page, 'gmv')).text).toBe('¥988.00');
    // rate changes are in percentage points: "pp" in English, 个百分点 in Chinese
    await expect
      .poll(() => page.locator('[data-kpi="conversion"] [data-delta="mom"]').textContent())
      .toMatch(/pp$/);
    await page.locator('button.lang').click();
    await expect
      .poll(() => page.locator('[data-kpi="conversion"] [data-delta="mom"]').textContent())
      .toMatch(/个百分点$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone screen (screenshot saved)', async () => {
    const { page, errors } = await openPage(b.browser, { width: 390, height: 844 });
    await page.goto(`${fx.server.url}/?${TODAY}`);
    await kpi(page, 'gmv');
    await page.locator('[data-trend-points]').waitFor();
    await page.waitForLoadState('networkidle');
    // the panels below the fold load as they come into view
    await revealAll(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-overview-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('dashboard breakdown', () => {
  it('drills down from a channel to its devices and filters the whole page', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?view=breakdown&${TODAY}`);
    const row = page.locator('tbody tr', { hasText: '直播' });
    await row.waitFor();
    expect(await row.locator('[data-metric="gmv"]').getAttribute('data-value')).toBe('760');
    // share of October's GMV: 760 / 988
    expect(await row.locator('[data-share]').textContent()).toBe('76.9%');
    await row.click();
    await page.waitForURL(/dim=device/);
    expect(page.url()).toContain('channel=%E7%9B%B4%E6%92%AD');
    const rows = await api(
      `/api/query?metrics=gmv&by=device&from=2026-10-01&to=2026-10-31&filter=${encodeURIComponent('channel=直播')}`,
    );
    // app: S4 80 + T1 230 + T3 200 + T6 100 = 610; pc: T5 150
    expect(Object.fromEntries(rows.map((r) => [r.device, r.gmv]))).toEqual({ app: 610, pc: 150 });
    await page.locator('tbody tr', { hasText: 'app' }).waitFor();
    for (const r of rows) {
      const cell = page.locator('tbody tr', { hasText: String(r.device) }).locator('[data-metric="gmv"]');
      expect(Number(await cell.getAttribute('data-value'))).toBe(r.gmv);
    }
    // the filter chip shows on the whole page; the overview follows it
    await expect.poll(() => page.locator('button[data-chip="channel"]').count()).toBe(1);
    await page.locator('button[data-view="overview"]').click();
    expect((await kpi(page, 'gmv')).value).toBe(760);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone screen (screenshot saved)', async () => {
    const { page, errors } = await openPage(b.browser, { width: 390, height: 844 });
    await page.goto(`${fx.server.url}/?view=breakdown&${TODAY}`);
    await page.locator('tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-breakdown-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts the table by a clicked column', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?view=breakdown&${TODAY}`);
    await page.locator('tbody tr').first().waitFor();
    const names = () => page.locator('tbody tr td:first-child').allTextContents();
    // by GMV (default, descending): 直播 760, 搜索 180 (T2 100 + T7 80), 短视频 48, and 私域 0
    // (it sold only in September: kept so that a channel that stopped selling is not hidden)
    expect(await names()).toEqual(['直播', '搜索', '短视频', '私域']);
    await page.locator('th button[data-sort="gmv"]').click();
    await expect.poll(names).toEqual(['私域', '短视频', '搜索', '直播']);
    expect(page.url()).toContain('sort=%2Bgmv');
    expect(errors).toEqual([]);
    await page.close();
  });
});
