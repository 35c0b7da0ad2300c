import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../src/cli/build.js';
import { CLI_ENV, runFupan } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

// The package's bin is the esbuild bundle of the CLI (src/cli/build.ts), not the modules tests run
// through tsx: built here fresh, two folders below the package root as dist/bin is, and held to the
// same behaviour — the demo's order writer in its worker, and byte-identical reports.
const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'dist', `bin-test-${process.pid}`);
const dir = tempDir('fupan-bundle-');
let files: string[];

const bundled = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(OUT, 'fupan.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: CLI_ENV,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(async () => {
  files = await buildCli(OUT);
}, 60_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the bundled fupan command', () => {
  it('is one entry, the order worker and shared chunks', () => {
    // one folder: the demo finds its worker at ./order-worker.js beside the chunk that starts it
    expect(files.map((f) => dirname(resolve(f)))).toEqual(files.map(() => OUT));
    const names = files.map((f) => f.slice(f.lastIndexOf('/') + 1)).sort();
    expect(names).toContain('fupan.js');
    expect(names).toContain('order-worker.js');
    // shared chunks are named after a module they hold: chunk-…, server-…, ingest-…
    expect(names.filter((n) => !/^[\w-]+-[A-Z0-9]{8}\.js$/.test(n))).toEqual(['fupan.js', 'order-worker.js']);
    expect(readFileSync(join(OUT, 'fupan.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('runs the demo and writes the same report as the CLI from source', () => {
    const db = join(dir, 'shop.duckdb');
    const demo = bundled('demo', '--db', db, '--out', join(dir, 'data'), '--months', '14', '--scale', '0.05');
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    const args = ['report', '--db', db, '--month', '2026-10', '--format', 'md', '--reproducible'];
    const fromBundle = bundled(...args, '--out', join(dir, 'bundle'));
    const fromSource = runFupan(dir, [...args, '--out', join(dir, 'source')]);
    expect([fromBundle.code, fromSource.code]).toEqual([0, 0]);
    const md = readFileSync(join(dir, 'bundle', 'review-2026-10.zh.md'), 'utf8');
    expect(md).toContain('## 客户洞察');
    expect(md).toBe(readFileSync(join(dir, 'source', 'review-2026-10.zh.md'), 'utf8'));
  }, 120_000);

  it('refuses bad usage the same way', () => {
    const res = bundled('report', '--sections', 'funnel');
    expect([res.code, res.err]).toEqual([
      1,
      'fupan: --sections must be all, none or a comma list of customers, channels, diagnosis (got "funnel")\n',
    ]);
  });
});
