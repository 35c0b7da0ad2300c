import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { ARTIFACTS, lazyPanel, openPage, revealAll, useBrowser } from './helpers/browser.js';

/**
 * The diagnosis panels of the overview (问题诊断, 转化漏斗, 渠道表现) in headless Chromium over the
 * fixture shop (test/fixtures/shop), `today=2026-10-31` so that 本月 = October 2026. The fixture's
 * traffic gets the funnel's middle steps (product views, add-to-cart, checkout) by hand first.
 */
const FUNNEL_STEPS: Array<[string, string, string, number, number, number]> = [
  // date, channel, device, product_views, add_to_carts, checkouts (visitors stay as in the CSV)
  ['2026-09-10', '直播', 'app', 60, 20, 10],
  ['2026-09-10', '搜索', 'pc', 50, 15, 8],
  ['2026-10-01', '直播', 'app', 70, 30, 12],
  ['2026-10-01', '直播', 'pc', 12, 5, 3],
  ['2026-10-15', '搜索', 'pc', 30, 10, 5],
  ['2026-10-15', '搜索', 'app', 15, 6, 3],
  ['2026-10-10', '短视频', 'app', 20, 8, 4],
  ['2026-10-31', '直播', 'app', 40, 15, 8],
];
const fx = serveFixture({}, async (wh) => {
  for (const [date, channel, device, views, carts, checkouts] of FUNNEL_STEPS) {
    await wh.exec(
      `UPDATE traffic_daily SET product_views = ${views}, add_to_carts = ${carts}, checkouts = ${checkouts}
       WHERE date = DATE '${date}' AND channel = '${channel}' AND device = '${device}'`,
    );
  }
});
const b = useBrowser();
const TODAY = 'today=2026-10-31';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API (src/server/routes)
async function api(path: string): Promise<any> {
  const res = await fetch(`${fx.server.url}${path}`);
  expect(res.status, path).toBe(200);
  return res.json();
}

const num = async (l: Locator, attr: string) => Number(await l.getAttribute(attr));

describe('dashboard: diagnosis panels', () => {
  it('问题诊断 shows the GMV change, its factors and the ranked causes exactly as /api/explain', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    const p = await lazyPanel(page, 'diagnosis', '[data-causes-table]');
    const e = await api('/api/explain?metric=gmv&month=2026-10');
    // 988 − 316 (test/fixtures/shop: paid in October vs September)
    expect(e.change).toBe(672);
    expect(await num(p.locator('[data-explain]'), 'data-change')).toBe(672);
    expect(await p.locator('.diag-summary strong').textContent()).toBe('¥316.00 → ¥988.00');
    for (const k of ['visitors', 'conversion', 'atv'] as const) {
      expect(await num(p.locator(`tr[data-factor="${k}"]`), 'data-value')).toBe(e.factors[k]);
    }
    expect(await p.locator('tr[data-factor="total"] td.num').textContent()).toBe('+¥672.00');
    const rows = p.locator('tr[data-kind]');
    expect(await rows.count()).toBe(e.causes.length);
    for (const [i, c] of e.causes.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-cause')).toBe(c.value ?? '');
      expect(await num(row, 'data-mix')).toBe(c.mix);
      expect(await num(row, 'data-rate')).toBe(c.rate);
      expect(await num(row, 'data-total')).toBe(c.total);
    }
    // 直播 first: +¥670.00 of the +¥672.00
    expect(await rows.first().locator('td').first().textContent()).toBe('直播');
    expect(await rows.first().locator('td').nth(4).textContent()).toBe('+¥670.00');
    const href = await p.locator('[data-report-section="diagnosis"]').getAttribute('href');
    expect(href).toContain('month=2026-10');
    expect(href).toMatch(/#diagnosis$/);

    // conversion: a ratio, its contributions in points
    await p.locator('button[data-diag="conversion"]').click();
    await page.waitForURL(/diag=conversion/);
    await p.locator('[data-explain="conversion"]').waitFor();
    const c = await api('/api/explain?metric=conversion&month=2026-10');
    expect(await p.locator('[data-causes-table]').getAttribute('data-dimension')).toBe(c.dimension);
    expect(await p.locator('tr[data-kind]').count()).toBe(c.causes.length);
    expect(await p.locator('[data-factors-table]').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('转化漏斗 shows the steps of the shop and of the filtered channel as /api/funnel, counted by hand', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    let p = await lazyPanel(page, 'funnel', '[data-funnel-table]');
    const f = await api('/api/funnel?month=2026-10');
    // October: visitors 300, views 70+12+30+15+20+40 = 187, carts 74, checkouts 35, paid buyers 6
    const hand = { visitors: 300, product_views: 187, add_to_carts: 74, checkouts: 35, buyers: 6 };
    expect(f.missing).toEqual([]);
    for (const s of f.total.steps) {
      const row = p.locator(`tr[data-step="${s.step}"]`);
      expect(await num(row, 'data-value'), s.step).toBe(hand[s.step as keyof typeof hand]);
      expect(await num(row, 'data-value')).toBe(s.value);
      expect(await num(row, 'data-previous')).toBe(s.previous);
    }
    // add-to-cart 74/187 = 39.6 %, September 35/110 = 31.8 %: +7.8 points
    const cart = p.locator('tr[data-step="add_to_carts"] td');
    expect(await cart.nth(2).textContent()).toBe('39.6%');
    expect(await cart.nth(3).textContent()).toBe('+7.8个百分点');
    expect(await cart.nth(5).textContent()).toBe('31.8%');

    // filtered by 直播: that channel's funnel (180 → 122 → 50 → 23 → 4)
    await page.goto(`${fx.server.url}/?${TODAY}&channel=${encodeURIComponent('直播')}`);
    p = await lazyPanel(page, 'funnel', '[data-funnel-table]');
    // the funnel follows the filter; the diagnosis (whole shop only) says it does not
    expect(await p.locator('[data-whole-shop]').count()).toBe(0);
    const d = await lazyPanel(page, 'diagnosis', '[data-causes-table]');
    expect(await d.locator('[data-whole-shop]').textContent()).toBe('全店数据，不随筛选变化');
    const byChannel = await api('/api/funnel?month=2026-10&by=channel');
    const live = byChannel.groups.find((g: { values: { channel: string } }) => g.values.channel === '直播');
    expect(live.steps.map((s: { value: number }) => s.value)).toEqual([180, 122, 50, 23, 4]);
    for (const s of live.steps) {
      expect(await num(p.locator(`tr[data-step="${s.step}"]`), 'data-value')).toBe(s.value);
    }
    // a filter the traffic data cannot follow says so instead of showing the shop's funnel
    await page.goto(`${fx.server.url}/?${TODAY}&province=${encodeURIComponent('广东')}`);
    const q = await lazyPanel(page, 'funnel', '.status-empty');
    expect(await q.locator('[data-funnel-table]').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('渠道表现 lists the channels as /api/channels, ROAS as 1:x in Chinese and x in English', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}`);
    const p = await lazyPanel(page, 'channels', '[data-channels-table]');
    const r = await api('/api/channels?month=2026-10');
    const rows = p.locator('tr[data-channel]');
    expect(await rows.count()).toBe(r.channels.length);
    for (const [i, c] of r.channels.entries()) {
      expect(await rows.nth(i).getAttribute('data-channel')).toBe(c.channel);
      expect(await num(rows.nth(i), 'data-gmv')).toBe(c.metrics.gmv.value);
    }
    const live = p.locator('tr[data-channel="直播"]');
    // GMV 760 on spend 150: ROAS 5.07 → 1:5.1; CAC 150 / 2 new buyers; 180 of 300 visitors
    expect(await live.locator('[data-col="gmv"]').textContent()).toBe('¥760.00');
    expect(await live.locator('[data-col="roas"]').textContent()).toBe('1:5.1');
    expect(await live.locator('[data-col="cac"]').textContent()).toBe('¥75.00');
    expect(await live.locator('[data-col="visitor_share"]').textContent()).toBe('60.0%');
    expect(await p.locator('tr[data-channel="搜索"] [data-col="roas"]').textContent()).toBe('—');
    expect(await num(p.locator('tr[data-channel-total]'), 'data-gmv')).toBe(988);
    // a click filters the whole page by the channel
    await live.click();
    await page.waitForURL(/channel=%E7%9B%B4%E6%92%AD/);
    await expect.poll(async () => page.locator('[data-kpi="gmv"]').getAttribute('data-value')).toBe('760');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks English: headings, labels, ROAS as x, report links in English', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?${TODAY}&lang=en`);
    const d = await lazyPanel(page, 'diagnosis', '[data-causes-table]');
    expect(await d.locator('h2').textContent()).toBe('Diagnosis');
    expect(await d.locator('tr[data-factor="visitors"] td').first().textContent()).toBe('Traffic');
    expect(await d.locator('[data-report-section="diagnosis"]').getAttribute('href')).toContain('lang=en');
    const f = await lazyPanel(page, 'funnel', '[data-funnel-table]');
    expect(await f.locator('h2').textContent()).toBe('Conversion funnel');
    expect(await f.locator('tr[data-step="add_to_carts"] td').nth(3).textContent()).toBe('+7.8 pp');
    const c = await lazyPanel(page, 'channels', '[data-channels-table]');
    expect(await c.locator('h2').textContent()).toBe('Channel performance');
    expect(await c.locator('tr[data-channel="直播"] [data-col="roas"]').textContent()).toBe('5.1x');
    await revealAll(page);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-diagnosis-panels-en.png'), fullPage: true });
    await page.evaluate(() => {
      (document.querySelector('header.top') as HTMLElement).style.position = 'static';
    });
    for (const name of ['diagnosis', 'funnel']) {
      await page
        .locator(`[data-panel="${name}"]`)
        .screenshot({ path: join(ARTIFACTS, `e2e-${name}-en.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone (screenshot saved for review)', async () => {
    const { page, errors } = await openPage(b.browser, { width: 390, height: 844 });
    await page.goto(`${fx.server.url}/?${TODAY}`);
    for (const [name, ready] of [
      ['diagnosis', '[data-causes-table]'],
      ['funnel', '[data-funnel-table]'],
      ['channels', '[data-channels-table]'],
    ] as const) {
      const p = await lazyPanel(page, name, ready);
      // nothing sticks out of the screen: wide tables scroll inside their panel
      const box = await p.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390, name).toBe(true);
    }
    await revealAll(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-diagnosis-panels-phone.png'), fullPage: true });
    // panel shots without the sticky header drawn over them
    await page.evaluate(() => {
      (document.querySelector('header.top') as HTMLElement).style.position = 'static';
    });
    for (const name of ['diagnosis', 'funnel', 'channels']) {
      await page
        .locator(`[data-panel="${name}"]`)
        .screenshot({ path: join(ARTIFACTS, `e2e-${name}-phone.png`) });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
