import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  booleanSql,
  dateSql,
  integerSql,
  moneySql,
  SqlParams,
  timestampSql,
} from '../../src/ingest/values.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

// Expected values are hand-computed: Asia/Shanghai is UTC+8 all year (no DST), so a zone-less
// 2026-10-05 12:00 in the store zone is 04:00Z.
describe('value coercion SQL', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await Warehouse.open(':memory:', { timeZone: 'Asia/Shanghai' });
  });
  afterAll(() => wh.close());

  async function evalSql(build: (x: string, p: SqlParams) => string, input: string | null) {
    const p = new SqlParams();
    const x = p.add(input);
    const [row] = await wh.query(`SELECT ${build(`CAST(${x} AS VARCHAR)`, p)} AS v`, p.values);
    return row.v;
  }

  it.each([
    ['1234.50', 1234.5],
    ['¥1,234.50', 1234.5],
    ['￥1,234.50', 1234.5],
    ['1,234.50元', 1234.5],
    ['$12.00', 12],
    ['-12.5', -12.5],
    ['-¥3.20', -3.2],
    ['RMB 8', 8],
    ['1.005', 1.01], // rounded half away from zero to cents
    ['12,5', null], // a decimal comma is not guessed
    ['1,23,4', null],
    ['abc', null],
    ['¥', null],
    [null, null],
  ])('money %s → %s', async (input, expected) => {
    expect(await evalSql((x) => moneySql(x), input)).toBe(expected);
  });

  it.each([
    ['3', 3],
    ['3.0', 3],
    ['1,234', 1234],
    ['-2', -2],
    ['3.5', null], // a plain cast would round to 4
    ['x', null],
  ])('integer %s → %s', async (input, expected) => {
    expect(await evalSql((x) => integerSql(x, 'INTEGER'), input)).toBe(expected);
  });

  it.each([
    ['true', true],
    ['是', true],
    ['1', true],
    ['YES', true],
    ['否', false],
    ['0', false],
    ['no', false],
    ['maybe', null],
  ])('boolean %s → %s', async (input, expected) => {
    expect(await evalSql((x) => booleanSql(x), input)).toBe(expected);
  });

  it.each([
    ['2026-10-05 12:00:00', '2026-10-05T04:00:00.000Z'],
    ['2026-10-05', '2026-10-04T16:00:00.000Z'],
    ['2026/10/05 12:00', '2026-10-05T04:00:00.000Z'],
    ['2026-10-05T12:00:00Z', '2026-10-05T12:00:00.000Z'],
    ['2026年10月5日', '2026-10-04T16:00:00.000Z'],
    ['2026年10月5日 12:00:00', '2026-10-05T04:00:00.000Z'],
    ['2026-04-05 21:06:21 +0400', '2026-04-05T17:06:21.000Z'],
    ['2026-04-05 21:06:21+04:00', '2026-04-05T17:06:21.000Z'],
    ['20261005', '2026-10-04T16:00:00.000Z'],
    // Excel serial 46300.5 = 1899-12-30 + 46300.5 days = 2026-10-05 12:00 local
    ['46300.5', '2026-10-05T04:00:00.000Z'],
    ['2026-13-05', null],
    ['yesterday', null],
  ])('timestamp %s → %s', async (input, expected) => {
    expect(await evalSql((x, p) => timestampSql(x, [], p), input)).toBe(expected);
  });

  it('reads extra strptime formats from a mapping (UCI month/day/year)', async () => {
    expect(await evalSql((x, p) => timestampSql(x, ['%m/%d/%Y %H:%M'], p), '12/1/2010 8:26')).toBe(
      '2010-12-01T00:26:00.000Z',
    );
  });

  it.each([
    ['2026-10-05', '2026-10-05'],
    ['2026/10/5', '2026-10-05'],
    ['2026年10月5日', '2026-10-05'],
    ['20261005', '2026-10-05'],
    ['46300', '2026-10-05'],
    ['2026-10-05 23:59:59', '2026-10-05'],
    ['05/10/2026', null], // day/month order is ambiguous: only with a mapping's dateFormats
  ])('date %s → %s', async (input, expected) => {
    expect(await evalSql((x, p) => dateSql(x, [], p), input)).toBe(expected);
  });
});
