import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where e2e screenshots go (ignored by git; CI keeps them as artifacts). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../../test-artifacts');

/** Debian's chromium, headless and offline; one launch per test file. */
export function useBrowser(): { browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    holder.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await holder.browser?.close();
  });
  return holder;
}

/** A page that records console errors, uncaught exceptions and failed requests. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: viewport.width < 500 ? 2 : 1 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // requests still loading when the test navigates away are cancelled, not failed
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`requestfailed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, errors };
}

/**
 * A panel loaded as it comes near the screen (src/web/components/lazy.tsx): scrolls it into view
 * until `ready` (a selector inside it) is there. The placeholder is replaced as the panel loads, so
 * it scrolls again until the content shows.
 */
export async function lazyPanel(page: Page, name: string, ready: string): Promise<Locator> {
  const p = page.locator(`[data-panel="${name}"]`);
  for (let i = 0; i < 20 && (await p.locator(ready).count()) === 0; i++) {
    await p.evaluate((el) => el.scrollIntoView({ block: 'start' })).catch(() => undefined);
    await p
      .locator(ready)
      .waitFor({ timeout: 500 })
      .catch(() => undefined);
  }
  await p.locator(ready).waitFor();
  return p;
}

/** Scrolls down the whole page so that every lazy panel loads, then back up (for full-page shots). */
export async function revealAll(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const done = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.body.scrollHeight - 2;
    });
    await page.waitForTimeout(50);
    if (done && (await page.locator('[data-lazy]').count()) === 0) break;
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, 0));
}
