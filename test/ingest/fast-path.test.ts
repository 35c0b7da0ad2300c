import { describe, expect, it } from 'vitest';
import { isFupanError } from '../../src/errors.js';
import { fastPath } from '../../src/ingest/fast-load.js';
import { importFiles } from '../../src/ingest/index.js';
import { trimmedText } from '../../src/ingest/plan.js';
import type { ImportResult } from '../../src/ingest/types.js';
import type { TableName } from '../../src/schema/tables.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { tempDir } from '../helpers/tmp.js';
import { openIn, write } from './helpers.js';

/**
 * The typed fast path must give exactly what the validating path gives: the same stored rows, the
 * same counts, the same refusals and rejects. Each case is imported with the fast path on and off.
 */

const csvCell = (v: string) => (/[",\n\r]|^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

interface Outcome {
  result?: Omit<ImportResult, 'ms' | 'loadPath' | 'file' | 'rejectsFile'>;
  error?: { code: string; message: string; rejects: unknown };
  rows: unknown[];
  loadPath?: string;
}

async function outcome(
  wh: Warehouse,
  file: string,
  table: TableName,
  dir: string,
  fast: boolean,
): Promise<Outcome> {
  fastPath.enabled = fast;
  try {
    const [r] = await importFiles(wh, [file], { table, rejectsDir: dir, force: true });
    const { ms: _ms, loadPath, file: _f, rejectsFile: _r, ...result } = r;
    return { result, rows: await contents(wh, table), loadPath };
  } catch (e) {
    if (!isFupanError(e)) throw e;
    const message = e.message.replace(/All rejects: .*/, '');
    return { error: { code: e.code, message, rejects: e.details.rejects }, rows: await contents(wh, table) };
  } finally {
    fastPath.enabled = true;
  }
}

async function contents(wh: Warehouse, table: TableName): Promise<unknown[]> {
  const all = (t: string) => wh.query(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${t} ORDER BY ALL`);
  const rows = await all(table);
  const customers = table === 'orders' ? [...(await all('customers')), ...(await all('customer_facts'))] : [];
  return [...rows, ...customers];
}

const openMemory = (dir: string) =>
  Warehouse.open(':memory:', { timeZone: 'Asia/Shanghai', allowedDirs: [dir] });

async function reset(whs: Warehouse[], table: TableName, seed?: string): Promise<void> {
  for (const wh of whs) {
    await wh.exec(
      `DELETE FROM ${table}; DELETE FROM customers; DELETE FROM customer_facts; DELETE FROM _fupan_imports;`,
    );
    if (seed) await wh.exec(seed);
  }
}

/** One column varied over tricky values, the rest of the row valid. */
interface Battery {
  table: TableName;
  header: string[];
  row: string[];
  column: string;
  values: string[];
  /** A row with another key, written first for the "table already has rows" pass. */
  seed: string;
}

const TIMES = [
  '2024-11-01 14:32:49+08:00',
  '2024-11-01 14:32:49',
  '2024-11-01T14:32:49Z',
  '2024-11-01 14:32',
  '2024-11-01',
  '2026/10/05 12:00',
  '2026-04-05 21:06:21 +0400',
  '2026-04-05 21:06:21+0400',
  '2026-04-05 21:06:21.123456+08',
  '20261005',
  '46300.5',
  '2026年10月5日 12:00:00',
  '2026-10-5 1:2:3',
  '2024-11-01 14:32:49 Asia/Tokyo',
  '2024-11-01 14:32:49 UTC',
  '2024-11-01 24:00:00',
  '2024-02-30',
  'soon',
  'infinity',
  '1991-09-15 00:30:00',
  '1991-09-14 17:00:00+00',
  '1900-01-01 08:00:00',
  '  2024-11-01 14:32:49  ',
  '',
];
const MONEY = [
  '12.345',
  '-0.005',
  '1e2',
  '+3',
  '.5',
  '5.',
  '1_000.00',
  '0x10',
  '¥12',
  '￥1,234.50',
  '1,234.50元',
  '$12.00',
  '  5 ',
  '   ',
  '-',
  '12,5',
  'nan',
  'inf',
  '99999999999999999.99',
  '1e20',
  '2.675',
  '',
];
const WHOLE = [
  '3',
  '3.0',
  '3.5',
  '1e3',
  '1e-1',
  '+5',
  '0x10',
  '1_000',
  '1,234',
  '-0',
  '2147483648',
  '9007199254740993',
  ' 7 ',
  '0b11',
  'nan',
  'inf',
  '',
];

/** One valid orders row; each battery varies one of its cells. */
const ORDER_HEADER = [
  'order_id',
  'placed_at',
  'customer_id',
  'paid_at',
  'status',
  'item_total',
  'paid_total',
  'is_presale',
];
const ORDER_ROW = [
  'O1',
  '2026-10-01 10:00:00+08:00',
  'u1',
  '2026-10-01 10:05:00+08:00',
  'paid',
  '10.00',
  '9.50',
  'false',
];

const BATTERIES: Battery[] = [
  ...['placed_at', 'paid_at'].map(
    (column): Battery => ({
      table: 'orders',
      header: ORDER_HEADER,
      row: ORDER_ROW,
      column,
      values: TIMES,
      seed: `INSERT INTO orders (order_id, placed_at, customer_id, item_total, paid_total) VALUES ('S', TIMESTAMPTZ '2026-01-01 00:00:00+08', 's', 1, 1)`,
    }),
  ),
  ...[
    ['status', ['paid', 'PAID', 'Paid ', '交易成功', '退款中', 'completed', 'unknown', '']],
    ['item_total', MONEY],
    ['paid_total', MONEY],
    [
      'is_presale',
      [
        'true',
        'T',
        'yes',
        'YES',
        'Y',
        'No',
        'N',
        'False',
        'y',
        '1',
        '0',
        'FALSE',
        'off',
        'on',
        '是',
        '否',
        '  true ',
        'tru',
        'maybe',
        '',
      ],
    ],
    ['order_id', ['O1', ' O1 ', '="O1"', '=O1', '']],
    ['customer_id', ['u1', '', '  ', '="007"']],
  ].map(
    ([column, values]): Battery => ({
      table: 'orders',
      header: ORDER_HEADER,
      row: ORDER_ROW,
      column: column as string,
      values: values as string[],
      seed: `INSERT INTO orders (order_id, placed_at, customer_id, item_total, paid_total) VALUES ('S', TIMESTAMPTZ '2026-01-01 00:00:00+08', 's', 1, 1)`,
    }),
  ),
  ...['date', 'visitors'].map(
    (column): Battery => ({
      table: 'traffic_daily',
      header: ['date', 'channel', 'device', 'visitors', 'sessions'],
      row: ['2026-10-05', '直播', 'App', '100', '120'],
      column,
      values:
        column === 'date'
          ? [
              '2026-10-05',
              '2026-10-05 12:00',
              '2026-10-05T12:00:00Z',
              '2026/10/05',
              '2026.10.05',
              '20261005',
              '46300',
              '46300.5',
              '2026年10月5日',
              '12345',
              '2026-10-5',
              '2024-02-30',
              '10/05/2026',
              ' 2026-10-05 ',
              'epoch',
              '',
            ]
          : WHOLE,
      seed: `INSERT INTO traffic_daily (date, channel, device, store_id, visitors) VALUES (DATE '2020-01-01', 's', '', '', 1)`,
    }),
  ),
  ...['line_no', 'quantity', 'unit_price'].map(
    (column): Battery => ({
      table: 'order_lines',
      header: ['order_id', 'line_no', 'sku', 'quantity', 'unit_price', 'discount'],
      row: ['O1', '1', 'SKU1', '2', '9.90', '0.50'],
      column,
      values: column === 'unit_price' ? MONEY : WHOLE,
      seed: `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price) VALUES ('S', 1, 's', 1, 1)`,
    }),
  ),
  {
    table: 'targets',
    header: ['period', 'metric', 'dimension', 'dimension_value', 'target'],
    row: ['2026-10', 'gmv', '', '', '1000'],
    column: 'target',
    values: ['1000', '1e3', '1,234.5', 'nan', 'inf', '0x10', '  2.5  ', '1_000', ''],
    seed: `INSERT INTO targets (period, metric, target) VALUES ('2020-01', 'gmv', 1)`,
  },
];

describe('the typed fast path gives what the validating path gives', () => {
  const dir = tempDir();

  for (const b of BATTERIES) {
    it(`${b.table}.${b.column}: every value, into an empty table and into one with rows`, async () => {
      const fast = await openMemory(dir);
      const slow = await openMemory(dir);
      let typed = 0;
      for (const seed of [undefined, b.seed]) {
        for (const [i, v] of b.values.entries()) {
          const row = b.row.map((x, j) => (b.header[j] === b.column ? v : x));
          const text = `${b.header.join(',')}\n${row.map(csvCell).join(',')}\n`;
          const file = write(dir, `${b.table}-${b.column}-${i}.csv`, text);
          await reset([fast, slow], b.table, seed);
          const f = await outcome(fast, file, b.table, dir, true);
          const s = await outcome(slow, file, b.table, dir, false);
          expect({ value: v, ...f, loadPath: undefined }).toEqual({ value: v, ...s, loadPath: undefined });
          if (f.loadPath === 'typed') typed++;
        }
      }
      // the plain values do take the fast path
      expect(typed).toBeGreaterThan(0);
      fast.close();
      slow.close();
    });
  }

  it('files: duplicate keys, unused columns, BOM, guests, filled totals, several rows', async () => {
    const cases: Array<[TableName, string | Buffer]> = [
      [
        'orders',
        'order_id,placed_at,customer_id,paid_total\nO1,2026-10-01,u1,5\nO2,2026-10-01,u2,6\nO1,2026-10-02,u3,7\n',
      ],
      ['order_lines', 'order_id,line_no,sku,quantity,unit_price\nO1,1,A,1,2\nO1,1,B,2,3\n'],
      [
        'orders',
        'order_id,placed_at,customer_id,paid_total,note\nO1,2026-10-01,u1,5,hello\nO2,2026-10-01,,6,\n',
      ],
      [
        'orders',
        Buffer.concat([
          Buffer.from(
            'order_id,placed_at,customer_id,paid_total,note\nO1,2026-10-01,u1,5,a\nO2,2026-10-01,u2,6,',
          ),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('\n'),
        ]),
      ],
      ['orders', '\uFEFForder_id,placed_at,customer_id,paid_total\nO1,2026-10-01 10:00,u1,5\n'],
      [
        'orders',
        'order_id,placed_at,customer_email,customer_phone,paid_total,discount_total,shipping_fee,tax\nO1,2026-10-01,A@x.com,,5,1,2,0.5\nO2,2026-10-01,,138-0000,6,,,\nO3,2026-10-01,,,7,,,\n',
      ],
      ['order_lines', 'order_id,sku,quantity,unit_price\nO1,A,1,2\nO1,B,2,3\n'],
      ['order_lines', 'order_id,line_no,sku,quantity,unit_price\nO1,1,A,1,2\nO1,,B,2,3\n'],
      ['orders', 'order_id,placed_at,customer_id,paid_total\nO1,2026-10-01,u1,5\nO2,"2026-10-01,u2,6\n'],
      ['orders', 'order_id,placed_at,customer_id,paid_total\nO1,2026-10-01,u1,5,9\n'],
      ['orders', 'order_id;placed_at;customer_id;paid_total\nO1;2026-10-01;u1;5\n'],
      ['orders', 'order_id,placed_at,customer_id\nO1,2026-10-01,u1\n'],
      ['customers', 'customer_id,registered_at,member_tier\nu1,2026-01-01,gold\nu2,,\n'],
      ['products', 'sku,title,unit_cost,list_price,launched_at\nA,Apple,1.5,3,2026-01-01\nB,,,,\n'],
      [
        'marketing_spend',
        'date,channel,campaign_id,spend,impressions,clicks\n2026-10-01,直播,c1,10.5,100,3\n2026-10-01,直播,,5,,\n',
      ],
    ];
    for (const [i, [table, text]] of cases.entries()) {
      const file = write(dir, `file-${i}.csv`, text);
      const fast = await openIn(dir, `file-${i}-fast.duckdb`);
      const slow = await openIn(dir, `file-${i}-slow.duckdb`);
      const f = await outcome(fast, file, table, dir, true);
      const s = await outcome(slow, file, table, dir, false);
      expect({ i, ...f, loadPath: undefined }).toEqual({ i, ...s, loadPath: undefined });
      // and once more over the rows now stored (the upsert: unchanged rows)
      const f2 = await outcome(fast, file, table, dir, true);
      const s2 = await outcome(slow, file, table, dir, false);
      expect({ i, ...f2, loadPath: undefined }).toEqual({ i, ...s2, loadPath: undefined });
      fast.close();
      slow.close();
    }
  });

  it('trimmed text skips trim only where trim changes nothing', async () => {
    const wh = await openMemory(dir);
    const zs = [
      0x20,
      0xa0,
      0x1680,
      ...Array.from({ length: 11 }, (_, i) => 0x2000 + i),
      0x202f,
      0x205f,
      0x3000,
    ];
    const alphabet = [
      ...zs.map((c) => String.fromCodePoint(c)),
      'a',
      'Z',
      '0',
      '\t',
      '\n',
      '中',
      '文',
      'é',
      '\u0301',
      '😀',
      '"',
      "'",
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const values = ['', ' ', '  ', 'a', ' a', 'a ', '\u3000', 'x\u3000', '\u00a0y', '中文', '中文 ', '\tx\t'];
    for (let i = 0; i < 3000; i++) {
      values.push(Array.from({ length: 1 + rand(6) }, () => alphabet[rand(alphabet.length)]).join(''));
    }
    await wh.exec('CREATE TEMP TABLE v (x VARCHAR)');
    await wh.appendRows(
      'v',
      values.map((x) => [x]),
    );
    const [r] = await wh.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${trimmedText('x')} IS DISTINCT FROM NULLIF(trim(x), '')) AS bad FROM v`,
    );
    expect([Number(r.n), Number(r.bad)]).toEqual([values.length, 0]);
    wh.close();
  });
});
