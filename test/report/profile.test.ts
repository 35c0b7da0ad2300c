import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { Report } from '../../src/report/model.js';
import { monthlyReport } from '../../src/report/monthly.js';
import { ReportProfile } from '../../src/report/profile.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { createReportShop } from './helpers/report-shop.js';

const NOW = new Date('2026-11-15T04:00:00Z');
const req = { now: NOW, omitGeneratedAt: true, shop: 'shop', lang: 'en' as const, month: '2026-10' };
let wh: Warehouse;
let plain: Report;
let profiled: Report;
const profile = new ReportProfile();

beforeAll(async () => {
  wh = await createReportShop(join(tempDir(), 'shop.duckdb'));
  plain = await monthlyReport(wh, DEFAULT_CONFIG, req);
  profiled = await monthlyReport(wh, DEFAULT_CONFIG, { ...req, profile });
});
afterAll(() => wh.close());

describe('report profile', () => {
  it('leaves the report as it is', () => {
    expect(profiled).toEqual(plain);
  });

  it('times every section the report loads, in order', () => {
    expect(profile.sections.map((s) => s.name)).toEqual([
      'coverage',
      'customers',
      'channels',
      'diagnosis',
      'overview',
      'structure',
      'daily-trend',
    ]);
    expect(profile.sections.every((s) => s.ms >= 0 && s.cpuMs >= 0 && s.peakRssKiB > 0)).toBe(true);
  });

  it('charges every metric-layer query to its section, with its row count', () => {
    // The overview runs Q1 (KPIs with mom and yoy: one statement, one row per period, merged into
    // Q1's one row) and Q2 (targets, one row).
    const overview = profile.queries.filter((q) => q.section === 'overview');
    const q1 = profiled.queries.find((q) => q.id === 'Q1')!;
    expect(q1.rowCount).toBe(1);
    expect(overview.map((q) => q.rows)).toEqual([3, 1]);
    expect(overview[0].sql).toBe(q1.sql[0].replace(/\s+/g, ' ').trim().slice(0, 160));
    // Queries outside a section (the import ledger) are charged to '-'.
    expect(profile.queries.filter((q) => q.section === '-').map((q) => q.sql)).toEqual([
      expect.stringMatching(/_fupan_imports|import/i),
    ]);
    expect(profile.format()).toMatch(
      /^report profile: +\d+\.\d{3} s in all, cpu +\d+\.\d{3} s since start\n {2}coverage +\d+\.\d{3} s {2}cpu /,
    );
  });

  it('writes every statement with its parameters, one JSON object a line', () => {
    const file = join(tempDir(), 'statements.jsonl');
    profile.writeStatements(file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(profile.queries.length);
    const q1 = profiled.queries.find((q) => q.id === 'Q1')!;
    const first = lines.find((l) => l.section === 'overview');
    expect(first.sql).toBe(q1.sql[0]);
    expect(first.params).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-31']));
    expect(first.rows).toBe(3);
  });
});
