import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { write } from './helpers.js';

/** Runs the CLI from the repository (where tsx resolves); all paths given are absolute. */
function fupan(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/main.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

describe('fupan import', () => {
  const dir = tempDir();
  const db = join(dir, 'cli.duckdb');
  const good = write(
    dir,
    'good.csv',
    '订单编号,下单时间,买家ID,实付金额\nA1,2026-10-05,u1,10\nA2,2026-10-05,u2,20\n',
  );
  const bad = write(
    dir,
    'bad.csv',
    '订单编号,下单时间,买家ID,实付金额\nB1,2026-10-05,u1,10\nB2,2026-10-05,u1,ten\n',
  );

  it('prints a text summary; a refused file makes the exit code 1 and the others still load', () => {
    const res = fupan(['--db', db, 'import', good, bad, '--rejects-dir', dir]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain(
      `✓ ${good} → orders: 2 read, 2 inserted, 0 updated, 0 unchanged, 0 rejected`,
    );
    // The refused file's counts (2 rows read, 1 bad) are in its line and in the total.
    expect(res.stdout).toContain(
      `✗ ${bad}: refused (2 read, 1 rejected, none loaded) — ${bad}: 1 bad row(s)`,
    );
    expect(res.stdout).toContain('line 3, column 实付金额: "ten"');
    expect(res.stdout).toMatch(
      /total: 2 file\(s\), 4 rows read, 2 inserted, 0 updated, 0 unchanged, 1 rejected, 1 refused/,
    );
    expect(res.stderr).toContain('1 of 2 file(s) refused');
  });

  it('--format json prints the results; re-import is reported as a duplicate', () => {
    const res = fupan(['--db', db, 'import', good, '--format', 'json']);
    expect(res.status).toBe(0);
    const results = JSON.parse(res.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      table: 'orders',
      skippedAsDuplicate: true,
      inserted: 0,
      unchanged: 2,
    });
  });

  it('--skip-bad-rows loads the good rows and reports the bad ones', () => {
    const mixed = write(
      dir,
      'mixed.csv',
      '订单编号,下单时间,买家ID,实付金额\nC1,2026-10-05,u1,1\nC2,later,u2,2\n',
    );
    const res = fupan([
      '--db',
      db,
      'import',
      mixed,
      '--skip-bad-rows',
      '--rejects-dir',
      dir,
      '--format',
      'json',
    ]);
    expect(res.status).toBe(0);
    const [r] = JSON.parse(res.stdout);
    expect([r.rowsRead, r.inserted, r.rejected]).toEqual([2, 1, 1]);
    expect(r.rejects[0]).toMatchObject({ line: 3, column: '下单时间', value: 'later' });
    expect(r.rejectsFile).toBe(join(dir, 'mixed.csv.rejects.csv'));
  });
});
