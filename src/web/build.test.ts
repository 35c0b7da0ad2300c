import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tmp.js';
import { buildWeb, sizeReport } from './build.js';

describe('buildWeb', () => {
  it('index.html loads the main entry (not a lazy chunk) and preloads the ECharts chunk; sizes are measured', async () => {
    const dir = tempDir('fupan-web-');
    const b = await buildWeb(dir);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const script = /<script type="module" src="\/assets\/([^"]+)"/.exec(html)?.[1] ?? '';
    expect(script).toMatch(/^app-[A-Z0-9]+\.js$/);
    // the entry renders the app: it imports main.tsx's render call, not the breakdown page
    expect(readFileSync(join(dir, 'assets', script), 'utf8')).toContain('getElementById("app")');
    const preload = /<link rel="modulepreload" href="\/assets\/([^"]+)"/.exec(html)?.[1] ?? '';
    expect(readFileSync(join(dir, 'assets', preload), 'utf8')).toContain('echarts');
    for (const a of b.assets) {
      expect(existsSync(join(dir, 'assets', a.file)), a.file).toBe(true);
      expect(a.gzipBytes).toBeGreaterThan(0);
      expect(a.gzipBytes).toBeLessThan(a.bytes);
    }
    const initial = b.assets.filter((a) => a.initial).map((a) => a.file);
    expect(initial).toContain(script);
    expect(initial).toContain(preload);
    // the breakdown page and the panels below the fold are not loaded up front
    expect(b.assets.filter((a) => !a.initial && a.holds.includes('pages/breakdown')).length).toBe(1);
    expect(sizeReport(b)).toMatch(/initial load [\d.]+ KiB, gzip [\d.]+ KiB/);
  });
});
