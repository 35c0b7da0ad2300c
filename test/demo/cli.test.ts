import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('fupan-demo-cli-');
const db = join(dir, 'demo.duckdb');
const out = join(dir, 'demo-data');
const config = join(dir, 'fupan.config.json');

function fupan(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), '--config', config, '--db', db, ...args],
    { encoding: 'utf8' },
  );
}

let first: ReturnType<typeof fupan>;
beforeAll(() => {
  writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Shanghai' }));
  first = fupan('demo', '--months', '3', '--scale', '0.1', '--seed', '7', '--end', '2026-06', '--out', out);
});

describe('fupan demo', () => {
  it('generates the files, imports every table through ingest and prints a summary', async () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^demo shop 2026-06 \(3 months, scale 0.1, seed 7\) written to /);
    expect(first.stdout).toContain(`planted ground truth: ${join(out, 'ground-truth.json')}`);
    expect(first.stdout).toMatch(
      /total: 7 file\(s\), \d+ rows read, \d+ inserted, 0 updated, 0 unchanged, 0 rejected, 0 refused/,
    );
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const gt = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8'));
      expect(gt.generator).toMatchObject({ seed: 7, scale: 0.1, months: 3, endMonth: '2026-06' });
      const [row] = await wh.query(`SELECT count(DISTINCT customer_id) AS buyers FROM orders
        WHERE paid_at IS NOT NULL AND strftime(timezone('Asia/Shanghai', paid_at), '%Y-%m') = '2026-06'`);
      expect(row.buyers).toBe(gt.planted.realised.planted.buyers);
      const lines = readFileSync(join(out, 'order_lines.csv'), 'utf8').trimEnd().split('\n').length - 1;
      const [n] = await wh.query('SELECT count(*) AS n FROM order_lines');
      expect(n.n).toBe(lines);
    } finally {
      wh.close();
    }
  });

  it('is idempotent: the same demo again changes nothing', () => {
    const again = fupan(
      'demo',
      '--months',
      '3',
      '--scale',
      '0.1',
      '--seed',
      '7',
      '--end',
      '2026-06',
      '--out',
      out,
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/total: 7 file\(s\), \d+ rows read, 0 inserted, 0 updated/);
    expect(again.stdout).not.toContain('note: the database already held');
  });

  it('refuses bad options with a usage error', () => {
    const bad = fupan('demo', '--scale', 'lots', '--no-import');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('fupan: --scale: invalid value "lots"\n');
    const end = fupan('demo', '--end', '2026-6', '--no-import');
    expect(end.stderr).toBe('fupan: --end must be YYYY-MM\n');
  });
});
