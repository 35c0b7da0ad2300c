import { describe, expect, it } from 'vitest';
import { serveFixture } from '../server/helpers/serve-fixture.js';
import { lazyPanel, openPage, useBrowser } from './helpers/browser.js';

/**
 * An open dashboard follows an import through the running server without a reload: the KPI cards
 * and the panels below show what the API answers after the import (fixture shop, October 2026).
 */
const fx = serveFixture();
const b = useBrowser();

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API
async function api(path: string): Promise<any> {
  return (await fetch(`${fx.server.url}${path}`)).json();
}

const HEADER =
  'order_id,placed_at,customer_id,paid_at,status,channel,device,province,item_total,paid_total,refund_total';

describe('dashboard: refresh after an import', () => {
  it('the numbers on screen change to what the API returns once a file is imported through the server', async () => {
    const { page, errors } = await openPage(b.browser);
    await page.goto(`${fx.server.url}/?today=2026-10-31`);
    const gmv = page.locator('[data-kpi="gmv"]');
    await expect.poll(() => gmv.getAttribute('data-value')).toBe('988');
    const channels = await lazyPanel(page, 'channels', '[data-channels-table]');
    const live = channels.locator('tr[data-channel="直播"]');
    expect(await live.getAttribute('data-gmv')).toBe('760');
    const version = (await api('/api/health')).dataVersion;
    // a mark that a reload would wipe
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // a new 直播 order paid in October, sent as `fupan import` sends it
    const csv = `${HEADER}\nR1,2026-10-20 10:00:00+08,u9,2026-10-20 10:05:00+08,paid,直播,app,广东,1234.50,1234.50,0\n`;
    const res = await fetch(`${fx.server.url}/api/import?name=late-orders.csv&table=orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.server.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect((await api('/api/health')).dataVersion).not.toBe(version);
    const [row] = await api('/api/query?metrics=gmv&month=2026-10');
    expect(row.gmv).toBe(988 + 1234.5);
    const channel = (await api('/api/channels?month=2026-10')).channels.find(
      (c: { channel: string }) => c.channel === '直播',
    );
    expect(channel.metrics.gmv.value).toBe(760 + 1234.5);

    // no reload: the page polls the data version and loads its numbers again
    await expect.poll(() => gmv.getAttribute('data-value'), { timeout: 20_000 }).toBe(String(row.gmv));
    expect(await gmv.locator('.kpi-value').textContent()).toBe('¥2,222.50');
    await expect
      .poll(() => live.getAttribute('data-gmv'), { timeout: 20_000 })
      .toBe(String(channel.metrics.gmv.value));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
