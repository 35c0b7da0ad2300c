import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRuntimeFile } from '../../src/server/runtime-file.js';
import { CLI_ARGV, CLI_ENV } from '../helpers/run-cli.js';
import { serveFixture } from '../server/helpers/serve-fixture.js';

/**
 * `fupan query` and `fupan report` while `fupan serve` owns the database: they go through the server
 * and print exactly what they print on the file itself (compared with the same commands on a copy
 * of the database made before the server started).
 */
const fx = serveFixture();

/** Runs the CLI without blocking this process (it serves the requests the CLI makes). */
function fupan(db: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [...CLI_ARGV, '--db', db, ...args], {
      cwd: fx.dir,
      env: CLI_ENV,
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('close', (code) => done({ code, out, err }));
  });
}

describe('fupan query while fupan serve runs', () => {
  it('prints byte for byte what it prints on the database file (json, csv, table)', async () => {
    const cases = [
      ['--metrics', 'gmv,buyers', '--by', 'channel', '--month', '2026-10', '--format', 'json'],
      ['--metrics', 'gmv,orders,conversion', '--by', 'device', '--compare', 'mom,yoy', '--format', 'csv'],
      [
        ...['--metrics', 'gmv,atv', '--by', 'channel', '--from', '2026-09-01', '--to', '2026-10-31'],
        ...['--filter', 'channel!=私域', '--sort', 'gmv:desc', '--limit', '2'],
      ],
      // no month: the latest complete month, chosen by the server
      ['--metrics', 'gmv,refund_rate', '--format', 'table'],
      // no rows: the header still names the fields
      ['--metrics', 'gmv', '--by', 'channel', '--filter', 'channel=none', '--format', 'csv'],
    ];
    for (const args of cases) {
      const served = await fupan(fx.dbPath, 'query', ...args);
      const direct = await fupan(fx.copyPath, 'query', ...args);
      expect(direct.code, direct.err).toBe(0);
      expect(served.code, served.err).toBe(0);
      expect(served.out, args.join(' ')).toBe(direct.out);
      expect(served.err).toBe(direct.err);
    }
    const json = await fupan(
      fx.dbPath,
      'query',
      '--metrics',
      'gmv',
      '--month',
      '2026-10',
      '--format',
      'json',
    );
    expect(JSON.parse(json.out)).toEqual([{ gmv: 988 }]); // test/fixtures/shop, by hand
  });

  it('refuses what the file itself refuses, with the same message and exit code', async () => {
    for (const args of [
      ['--metrics', 'nope'],
      ['--metrics', 'gmv', '--by', "channel'; DROP TABLE orders; --"],
      ['--metrics', 'gmv', '--month', '2026-10', '--from', '2026-10-01'],
    ]) {
      const served = await fupan(fx.dbPath, 'query', ...args);
      const direct = await fupan(fx.copyPath, 'query', ...args);
      expect(direct.code).toBe(1);
      expect(served.code).toBe(1);
      expect(served.err).toBe(direct.err);
    }
  });

  it('--sql cannot go through the server: exit 2, "in use by PID n"', async () => {
    const r = await fupan(fx.dbPath, 'query', '--metrics', 'gmv', '--month', '2026-10', '--sql');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`in use by PID ${process.pid}`);
    expect(r.out).toBe('');
  });

  it('a server that does not answer: exit 2, "in use by PID n"', async () => {
    const dir = join(fx.dir, 'gone');
    mkdirSync(dir);
    const db = join(dir, 'shop.duckdb');
    copyFileSync(fx.copyPath, db);
    writeRuntimeFile({
      pid: process.pid,
      host: '127.0.0.1',
      port: 9,
      url: 'http://127.0.0.1:9',
      token: 'x',
      database: db,
      startedAt: new Date().toISOString(),
    });
    const r = await fupan(db, 'query', '--metrics', 'gmv', '--month', '2026-10');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`in use by PID ${process.pid}`);
  });
});

describe('fupan report while fupan serve runs', () => {
  it('writes the same files, byte for byte, as on the database file (zh and en, md and html)', async () => {
    const args = ['report', '--month', '2026-10', '--lang', 'zh,en', '--format', 'md,html', '--reproducible'];
    const servedOut = join(fx.dir, 'served-reports');
    const directOut = join(fx.dir, 'direct-reports');
    const served = await fupan(fx.dbPath, ...args, '--out', servedOut);
    const direct = await fupan(fx.copyPath, ...args, '--out', directOut);
    expect(direct.code, direct.err).toBe(0);
    expect(served.code, served.err).toBe(0);
    const names = [
      'review-2026-10.zh.md',
      'review-2026-10.zh.html',
      'review-2026-10.en.md',
      'review-2026-10.en.html',
    ];
    expect(served.out).toBe(names.map((n) => `${join(servedOut, n)}\n`).join(''));
    expect(direct.out).toBe(names.map((n) => `${join(directOut, n)}\n`).join(''));
    expect(readdirSync(servedOut).sort()).toEqual([...names].sort());
    for (const n of names) {
      expect(readFileSync(join(servedOut, n), 'utf8'), n).toBe(readFileSync(join(directOut, n), 'utf8'));
    }
    expect(readFileSync(join(servedOut, names[0]), 'utf8')).toContain('¥988.00');
  });

  it('--sections reaches the server: the same files as on the database file', async () => {
    for (const sections of ['none', 'channels']) {
      const args = [
        'report',
        '--month',
        '2026-10',
        '--format',
        'md',
        '--reproducible',
        '--sections',
        sections,
      ];
      const servedOut = join(fx.dir, `served-${sections}`);
      const directOut = join(fx.dir, `direct-${sections}`);
      const served = await fupan(fx.dbPath, ...args, '--out', servedOut);
      const direct = await fupan(fx.copyPath, ...args, '--out', directOut);
      expect([served.code, direct.code], served.err + direct.err).toEqual([0, 0]);
      const md = readFileSync(join(servedOut, 'review-2026-10.zh.md'), 'utf8');
      expect(md).toBe(readFileSync(join(directOut, 'review-2026-10.zh.md'), 'utf8'));
      expect(md.includes('## 渠道表现评估'), sections).toBe(sections === 'channels');
      expect(md).not.toContain('## 客户洞察');
    }
  });

  it('a named shop and a bad month behave as on the file', async () => {
    const out = join(fx.dir, 'shop-reports');
    const r = await fupan(
      fx.dbPath,
      'report',
      '--month',
      '2026-10',
      '--lang',
      'en',
      '--format',
      'md',
      '--shop',
      'Acme 旗舰店',
      '--reproducible',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(out, 'review-2026-10.en.md'), 'utf8')).toContain('Acme 旗舰店');
    const bad = await fupan(fx.dbPath, 'report', '--month', '2026-13', '--out', out);
    const badDirect = await fupan(fx.copyPath, 'report', '--month', '2026-13', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(badDirect.err);
  });
});
