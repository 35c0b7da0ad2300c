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

  it('--sections leaves analysis sections out; what it keeps is the same report', () => {
    const run = (name: string, ...extra: string[]) => {
      const out = join(dir, name);
      const res = fupan(
        '--db',
        db,
        'report',
        '--month',
        '2026-10',
        '--format',
        'md',
        '--reproducible',
        '--out',
        out,
        ...extra,
      );
      expect(res.status, res.stderr).toBe(0);
      return readFileSync(join(out, 'review-2026-10.zh.md'), 'utf8');
    };
    const headings = (md: string) => md.split('\n').filter((l) => l.startsWith('## '));
    const full = run('sections-all');
    const none = run('sections-none', '--sections', 'none');
    const some = run('sections-some', '--sections', 'diagnosis,customers');
    const v1 = ['## 摘要', '## 数据范围', '## 业绩概览', '## GMV 结构', '## 每日趋势'];
    expect(headings(full)).toEqual([
      ...v1,
      '## 渠道表现评估',
      '## 客户洞察',
      '## 问题诊断与根因分析',
      '## 异常监测',
      '## 附录：口径与查询',
    ]);
    expect(headings(none)).toEqual([...v1, '## 附录：口径与查询']);
    expect(headings(some)).toEqual([
      ...v1,
      '## 客户洞察',
      '## 问题诊断与根因分析',
      '## 异常监测',
      '## 附录：口径与查询',
    ]);
    // the review's own sections are byte for byte the full report's, and so are their queries (Q1…):
    // the appendix lists the analysis sections' queries after them
    const upTo = (md: string, heading: string) => md.slice(0, md.indexOf(`\n## ${heading}`));
    expect(upTo(none, '附录')).toBe(upTo(full, '渠道表现评估'));
    const appendix = (md: string) => md.slice(md.indexOf('\n## 附录'));
    expect(appendix(full).startsWith(appendix(none))).toBe(true);
    expect(appendix(full).length).toBeGreaterThan(appendix(none).length);
    const bad = fupan('--db', db, 'report', '--sections', 'customers,funnel');
    expect([bad.status, bad.stderr]).toEqual([
      1,
      'fupan: --sections must be all, none or a comma list of customers, channels, diagnosis (got "customers,funnel")\n',
    ]);
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
