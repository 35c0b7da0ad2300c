import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { ARTIFACTS, lazyPanel, openPage, useBrowser } from './helpers/browser.js';

/**
 * The 异常监测 panel in headless Chromium: the fixture shop plus six months of steady daily orders
 * (8–12 a day at ¥100, imported through the running server) with a planted spike of 60 orders on
 * 2026-10-15. The panel lists exactly the days /api/anomalies flags, the spike among them.
 */
const fx = serveFixture();
const b = useBrowser();
const HEADER =
  'order_id,placed_at,customer_id,paid_at,status,channel,device,province,item_total,paid_total,refund_total';
const SPIKE = '2026-10-15';

beforeAll(async () => {
  const lines = [HEADER];
  const start = Date.parse('2026-05-01T00:00:00Z');
  for (let i = 0; ; i++) {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    if (day > '2026-10-31') break;
    const n = day === SPIKE ? 60 : 8 + ((i * 7) % 5);
    for (let k = 0; k < n; k++) {
      const at = `${day} 12:${String(k % 60).padStart(2, '0')}:00+08`;
      lines.push(`G${i}-${k},${at},g${i}-${k},${at},paid,直播,app,广东,100.00,100.00,0`);
    }
  }
  const res = await fetch(`${fx.server.url}/api/import?name=steady.csv&table=orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fx.server.token}`, 'content-type': 'text/csv' },
    body: `${lines.join('\n')}\n`,
  });
  expect(res.status).toBe(200);
});

// biome-ignore lint/suspicious/noExplicitAny: JSON body of /api/anomalies
async function api(path: string): Promise<any> {
  return (await fetch(`${fx.server.url}${path}`)).json();
}

describe('dashboard: anomalies panel', () => {
  it('lists the flagged days of the month exactly as /api/anomalies, the planted spike first among them', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31`);
    const p = await lazyPanel(page, 'anomalies', '[data-anomaly-summary]');
    const r = await api('/api/anomalies?month=2026-10');
    const spike = r.anomalies.find(
      (a: { date: string; metric: string }) => a.date === SPIKE && a.metric === 'gmv',
    );
    // 60 orders against about 10: GMV far above its baseline
    expect(spike.direction).toBe('up');
    expect(spike.value).toBe(6000 + 100); // 60 × ¥100 and the fixture's T2 (¥100, paid that day)
    const rows = p.locator('tr[data-date]');
    expect(await rows.count()).toBe(r.anomalies.length);
    for (const [i, a] of r.anomalies.entries()) {
      expect(await rows.nth(i).getAttribute('data-date')).toBe(a.date);
      expect(await rows.nth(i).getAttribute('data-metric')).toBe(a.metric);
      expect(Number(await rows.nth(i).getAttribute('data-change'))).toBe(a.change);
    }
    const row = p.locator(`tr[data-date="${SPIKE}"][data-metric="gmv"]`);
    expect(await row.locator('td').nth(1).textContent()).toBe('成交金额');
    expect(await row.locator('td').nth(2).textContent()).toBe(`+${(spike.change * 100).toFixed(1)}%`);
    expect(await p.locator('[data-report-section="anomalies"]').getAttribute('href')).toMatch(
      /month=2026-10.*#anomalies$/,
    );
    // the calendar's 双11 pre-sale (from 10-24) is labelled, not flagged
    expect(await p.locator('[data-known]').textContent()).toContain('双11 10-24–10-31');

    await page.goto(`${fx.server.url}/?today=2026-10-31&lang=en`);
    const en = await lazyPanel(page, 'anomalies', '[data-anomaly-summary]');
    expect(await en.locator('h2').textContent()).toBe('Anomalies');
    expect(await en.locator(`tr[data-date="${SPIKE}"][data-metric="gmv"] td`).nth(1).textContent()).toBe(
      'GMV',
    );
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone (screenshot saved for review)', async () => {
    const { page, errors } = await openPage(b.browser, { width: 390, height: 844 });
    await page.goto(`${fx.server.url}/?today=2026-10-31`);
    const p = await lazyPanel(page, 'anomalies', '[data-anomaly-table]');
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.evaluate(() => {
      (document.querySelector('header.top') as HTMLElement).style.position = 'static';
    });
    await p.screenshot({ path: join(ARTIFACTS, 'e2e-anomalies-phone.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
