/**
 * Dashboard server bench (issue 5): API latency under load and the overview page's ready time, on a
 * given database (the ≥ 10 M-line demo shop for the record).
 *
 *   npx tsx bench/serve.ts <database.duckdb> [--duration 30] [--connections 50]
 *
 * Runs `fupan serve` in a child process and loads it with autocannon from this one:
 *   1. GET /api/health — the HTTP stack alone (baseline for the server's own overhead);
 *   2. the requests the overview page makes for the latest month (warm: answered from the cache);
 *   3. a seeded stream of distinct metric queries (random periods, groupings, filters): every request
 *      runs the metric layer; its throughput is printed as a ratio to the same kind of queries run
 *      one after another through `query()` in one process (baseline measured in the same run);
 *   4. overview ready time in headless Chromium: first load on a fresh server, then a reload.
 * Zero errors and zero non-2xx answers are required (exit code 1 otherwise).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { chromium } from 'playwright-core';
import { DEFAULT_CONFIG } from '../src/config/config.js';
import { paidDateRange } from '../src/metrics/data-range.js';
import { addDays, query } from '../src/metrics/index.js';
import { parseQueryParams } from '../src/metrics/request.js';
import type { Period } from '../src/metrics/types.js';
import { Warehouse } from '../src/warehouse/warehouse.js';
import { buildWeb } from '../src/web/build.js';

const ROOT = resolve(import.meta.dirname, '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const db = process.argv[2];
if (!db || db.startsWith('--') || !existsSync(db)) {
  process.stderr.write(
    'usage: npx tsx bench/serve.ts <database.duckdb> [--duration 30] [--connections 50]\n',
  );
  process.exit(2);
}
const duration = arg('duration', 30);
const connections = arg('connections', 50);

/** A small seeded generator (mulberry32), so every run sends the same request stream. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GROUPS = [
  ['gmv', 'orders', 'buyers', 'atv', 'refund_rate'],
  ['conversion', 'visitors'],
  ['gmv', 'roas'],
];
const BY = ['', 'day', 'channel', 'device', 'province', 'category', 'customer_type'];

/** Distinct metric requests (query strings) over the data range: what an operator clicking around asks. */
function randomQueries(range: Period, channels: string[], n: number): string[] {
  const r = rng(5);
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
  const out = new Set<string>();
  while (out.size < n) {
    const len = 1 + Math.floor(r() * 60);
    const from = addDays(range.from, Math.floor(r() * Math.max(1, days - len)));
    const group = GROUPS[Math.floor(r() * GROUPS.length)];
    let by = BY[Math.floor(r() * BY.length)];
    if (group[0] === 'conversion' && !['', 'day', 'channel', 'device'].includes(by)) by = 'channel';
    if (group.includes('roas') && !['', 'day', 'channel'].includes(by)) by = 'channel';
    const q = new URLSearchParams({ metrics: group.join(','), from, to: addDays(from, len - 1) });
    if (by) q.set('by', by);
    if (r() < 0.5) q.set('compare', 'mom,yoy');
    if (r() < 0.4 && channels.length > 0)
      q.append('filter', `channel=${channels[Math.floor(r() * channels.length)]}`);
    out.add(q.toString());
  }
  return [...out];
}

/** The requests the overview page makes for a month to date (cf. src/web/pages/overview). */
function overviewQueries(p: Period, range: Period): string[] {
  const qs = (o: Record<string, string>) => new URLSearchParams({ ...o, from: p.from, to: p.to }).toString();
  const out: string[] = [];
  for (const g of GROUPS.slice(0, 3)) {
    const metrics = g.join(',');
    out.push(qs({ metrics, compare: 'mom,yoy' }), qs({ metrics, by: 'day' }));
    out.push(qs({ metrics: g.map((m) => `${m}_target_completion`).join(',') }));
  }
  out.push(qs({ metrics: 'gmv', by: 'day', compare: 'mom,yoy' }));
  for (const d of ['channel', 'category', 'device', 'province']) {
    out.push(
      new URLSearchParams({
        metrics: 'gmv',
        by: d,
        from: range.from,
        to: range.to,
        sort: 'gmv:desc',
      }).toString(),
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function startServe(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), '--db', db, 'serve', '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout?.setEncoding('utf8');
  const url = await new Promise<string>((res, rej) => {
    child.stdout?.on('data', (d: string) => {
      out += d;
      const m = /open (http:\/\/\S+?)\/\s/.exec(out);
      if (m) res(m[1]);
    });
    child.once('exit', (code) => rej(new Error(`fupan serve exited (${code}): ${out}`)));
  });
  return { child, url };
}

async function stopServe(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function line(name: string, r: Result, extra = ''): void {
  const errors = r.errors + r.timeouts + r.non2xx;
  process.stdout.write(
    `${name.padEnd(34)} p50 ${String(r.latency.p50).padStart(6)} ms  p99 ${String(r.latency.p99).padStart(6)} ms  ` +
      `${Math.round(r.requests.average).toString().padStart(6)} req/s  ${r.requests.total} requests  errors ${errors}${extra}\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write(`bench serve: ${db}, ${connections} connections, ${duration} s per run\n`);
  await buildWeb(join(ROOT, 'dist', 'web'));

  // Baseline: the same kind of queries through query() directly, one process, no HTTP, no cache.
  const wh = await Warehouse.open(db, { readOnly: true, timeZone: DEFAULT_CONFIG.timeZone });
  const range = await paidDateRange(wh);
  if (!range) throw new Error('the database has no paid orders');
  const channels = (await query(wh, { metrics: ['gmv'], dimensions: ['channel'], period: range })).rows
    .map((r) => String(r.channel))
    .filter((c) => c !== 'null');
  const distinct = randomQueries(range, channels, 20_000);
  const direct: number[] = [];
  for (const qs of distinct.slice(0, 40)) {
    const p = new URLSearchParams(qs);
    const spec = await parseQueryParams(
      { ...Object.fromEntries(p), filter: p.getAll('filter') },
      async () => null,
    );
    const t0 = performance.now();
    await query(wh, spec);
    direct.push(performance.now() - t0);
  }
  wh.close();
  const directMs = median(direct);
  process.stdout.write(
    `baseline: query() directly, median of 40 distinct queries: ${directMs.toFixed(1)} ms\n`,
  );

  const { child, url } = await startServe();
  let failures = 0;
  try {
    // 4 (cold part first, while the server cache is empty): overview ready time in Chromium
    const month = { from: `${range.to.slice(0, 7)}-01`, to: range.to };
    const browser = await chromium.launch({
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ready = async () => {
      const t0 = performance.now();
      await page.goto(`${url}/`);
      await page.locator('[data-kpi="gmv"]:not([data-value=""])').waitFor({ timeout: 600_000 });
      await page.locator('[data-trend-points]').waitFor({ timeout: 600_000 });
      await page.waitForLoadState('networkidle');
      return performance.now() - t0;
    };
    const cold = await ready();
    const warm = await ready();
    await browser.close();
    process.stdout.write(
      `overview ready in Chromium: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms\n`,
    );

    const run = async (name: string, paths: string[], extra?: (r: Result) => string) => {
      let i = 0;
      const r = await autocannon({
        url,
        connections,
        duration,
        timeout: 60,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      });
      line(name, r, extra?.(r));
      failures += r.errors + r.timeouts + r.non2xx;
    };
    await run('GET /api/health', ['/api/health']);
    const overview = ['/api/meta', ...overviewQueries(month, range).map((q) => `/api/query?${q}`)];
    await run('overview requests (cached)', overview);
    await run(
      'distinct queries (uncached)',
      distinct.map((q) => `/api/query?${q}`),
      (r) =>
        `\n${''.padEnd(34)} throughput ÷ direct sequential query() = ${(r.requests.average / (1000 / directMs)).toFixed(2)}` +
        ` (p50 includes queueing behind ${connections} connections)`,
    );
  } finally {
    await stopServe(child);
  }
  if (failures > 0) {
    process.stdout.write(`FAILED: ${failures} errors / timeouts / non-2xx answers\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
