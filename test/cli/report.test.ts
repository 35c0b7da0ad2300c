import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { createReportShop } from '../report/helpers/report-shop.js';

const dir = tempDir('fupan-report-cli-');
const db = join(dir, 'shop.duckdb');
const config = join(dir, 'fupan.config.json');

function fupan(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), '--config', config, ...args],
    { encoding: 'utf8' },
  );
}

beforeAll(async () => {
  writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Shanghai', language: 'zh' }));
  const wh = await createReportShop(db);
  wh.close();
});

describe('fupan report', () => {
  it('writes the Markdown review of the month and prints its path', () => {
    const out = join(dir, 'out');
    const res = fupan('--db', db, 'report', '--month', '2026-10', '--format', 'md', '--out', out);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const path = join(out, 'review-2026-10.zh.md');
    expect(res.stdout.trim()).toBe(path);
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^# shop 2026年10月经营复盘\n/);
    expect(md).toContain('| 成交金额 | ¥1,625.00 | +195.5% | +441.7% | ¥2,000.00 | 81.3% |');
    expect(existsSync(join(out, 'review-2026-10.zh.html'))).toBe(false);
  });

  it('defaults to the last complete month, both formats, and takes several languages', () => {
    const out = join(dir, 'default');
    const res = fupan('--db', db, 'report', '--lang', 'zh,en', '--out', out, '--shop', 'Demo');
    expect(res.status).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual(
      ['zh.md', 'zh.html', 'en.md', 'en.html'].map((s) => join(out, `review-2026-10.${s}`)),
    );
    const html = readFileSync(join(out, 'review-2026-10.en.html'), 'utf8');
    expect(html).toContain('<title>Demo — monthly review, October 2026</title>');
    expect(html).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('refuses a month without data with a clear message and exit code 1', () => {
    const res = fupan('--db', db, 'report', '--month', '2030-01', '--out', join(dir, 'none'));
    expect(res.status).toBe(1);
    expect(res.stderr).toBe(
      'fupan: no paid orders in 2030-01: the data covers 2025-10-10 to 2026-11-01. Choose a month in that range.\n',
    );
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('refuses a malformed month, an unknown language and a missing database', () => {
    expect(fupan('--db', db, 'report', '--month', '2026-13').stderr).toMatch(
      /--month must look like 2026-10/,
    );
    const lang = fupan('--db', db, 'report', '--lang', 'fr');
    expect([lang.status, lang.stderr]).toEqual([
      1,
      'fupan: --lang must be zh, en or a comma list of them (got "fr")\n',
    ]);
    const missing = fupan('--db', join(dir, 'nope.duckdb'), 'report');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no database at .*nope\.duckdb\. Create one with `fupan demo`/);
  });
});
