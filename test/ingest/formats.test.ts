import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isFupanError } from '../../src/errors.js';
import { detectEncoding, importFiles, readXlsx } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/tmp.js';
import { count, openIn, write } from './helpers.js';

const CSV =
  '订单编号,下单时间,买家ID,实付金额,订单状态\nA1,2026年10月5日 12:00:00,张三,"¥1,234.50",交易成功\nA2,2026/10/06 08:00,李四,99元,已付款\n';

const EXPECTED = [
  { order_id: 'A1', customer_id: '张三', paid_total: 1234.5, status: 'completed', placed_date: '2026-10-05' },
  { order_id: 'A2', customer_id: '李四', paid_total: 99, status: 'paid', placed_date: '2026-10-06' },
];
const SELECT = 'SELECT order_id, customer_id, paid_total, status, placed_date FROM orders ORDER BY order_id';

/** A minimal .xlsx: shared strings, an inline string, a number, and a date-formatted serial. */
function xlsxBytes(): Uint8Array {
  const shared = ['订单编号', '下单时间', '买家ID', '实付金额', '订单状态', 'A1', '张三', '交易成功', '李四'];
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}">${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  const s = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  // 46300.5 = 2026-10-05 12:00, 46301.3333333333 = 2026-10-06 08:00 (style 1 = yyyy-mm-dd hh:mm)
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1">${s('A1', 0)}${s('B1', 1)}${s('C1', 2)}${s('D1', 3)}${s('E1', 4)}</row>
<row r="3">${s('A3', 5)}<c r="B3" s="1"><v>46300.5</v></c>${s('C3', 6)}<c r="D3"><v>1234.5</v></c>${s('E3', 7)}</row>
<row r="4"><c r="A4" t="inlineStr"><is><t>A2</t></is></c><c r="B4" s="1"><v>46301.333333333336</v></c>${s('C4', 8)}<c r="D4"><v>99</v></c><c r="E4" t="inlineStr"><is><t>已付款</t></is></c></row>
</sheetData></worksheet>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="订单" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
  return zipSync({
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(rels),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(sst),
    'xl/styles.xml': strToU8(styles),
  });
}

describe('source formats', () => {
  const dir = tempDir();

  it('GBK CSV is detected, decoded and loaded', async () => {
    // GBK has the full-width ￥ (U+FFE5), not ¥ (U+00A5)
    const path = write(dir, 'gbk.csv', iconv.encode(CSV.replace('¥', '￥'), 'gbk'));
    expect(detectEncoding(path)).toBe('gb18030');
    const wh = await openIn(dir, 'gbk.duckdb');
    const [r] = await importFiles(wh, [path]);
    expect(r.inserted).toBe(2);
    expect(await wh.query(SELECT)).toEqual(EXPECTED);
    wh.close();
  });

  it('GBK rejects report lines of the original file', async () => {
    const path = write(
      dir,
      'gbk-bad.csv',
      iconv.encode(`${CSV.replace('¥', '￥')}A3,明天,王五,1,交易成功\n`, 'gbk'),
    );
    const wh = await openIn(dir, 'gbk-bad.duckdb');
    const e = await importFiles(wh, [path]).catch((x) => x);
    expect(isFupanError(e) && e.details.line).toBe(4);
    expect(isFupanError(e) && e.details.value).toBe('明天');
    wh.close();
  });

  it('UTF-8 with BOM, tab-separated', async () => {
    const path = write(
      dir,
      'bom.tsv',
      `\uFEFF${CSV.replaceAll(',', '\t').replace('"¥1\t234.50"', '¥1,234.50')}`,
    );
    expect(detectEncoding(path)).toBe('utf8-bom');
    const wh = await openIn(dir, 'bom.duckdb');
    await importFiles(wh, [path]);
    expect(await wh.query(SELECT)).toEqual(EXPECTED);
    wh.close();
  });

  it('UTF-16LE with BOM (Excel "Unicode text"), tab-separated', async () => {
    const text = `\uFEFF${CSV.replaceAll(',', '\t').replace('"¥1\t234.50"', '¥1,234.50')}`;
    const path = write(dir, 'unicode.txt', iconv.encode(text, 'utf16le'));
    expect(detectEncoding(path)).toBe('utf16le');
    const wh = await openIn(dir, 'u16.duckdb');
    await importFiles(wh, [path]);
    expect(await wh.query(SELECT)).toEqual(EXPECTED);
    wh.close();
  });

  it('a UTF-8 file with undecodable bytes later on is refused with the line', async () => {
    const head = Buffer.from(`${CSV}`, 'utf8');
    const pad = Buffer.from(`${'A9,2026-10-05,x,1,交易成功\n'.repeat(60_000)}`, 'utf8'); // past the 1 MB sample
    const bad = Buffer.concat([
      head,
      pad,
      Buffer.from('B1,2026-10-05,', 'utf8'),
      iconv.encode('王五', 'gbk'),
      Buffer.from(',1,交易成功\n'),
    ]);
    const path = write(dir, 'mixed.csv', bad);
    const wh = await openIn(dir, 'mixed.duckdb');
    const e = await importFiles(wh, [path]).catch((x) => x);
    expect(isFupanError(e) && e.code).toBe('INGEST_BAD_FILE');
    expect(String(e.message)).toMatch(/line 60004: bytes that are not valid UTF-8/);
    expect(await count(wh, 'orders')).toBe(0);
    wh.close();
  });

  it('XLSX: shared and inline strings, numbers, date-formatted serials; lines are worksheet rows', async () => {
    const path = write(dir, 'orders.xlsx', Buffer.from(xlsxBytes()));
    const sheet = readXlsx(path);
    expect(sheet.header).toEqual(['订单编号', '下单时间', '买家ID', '实付金额', '订单状态']);
    expect(sheet.rows[0]).toEqual(['A1', '2026-10-05 12:00:00', '张三', '1234.5', '交易成功']);
    expect(sheet.rowNumbers).toEqual([3, 4]);
    const wh = await openIn(dir, 'xlsx.duckdb');
    await importFiles(wh, [path]);
    expect(await wh.query(SELECT)).toEqual(EXPECTED);
    expect(await wh.query("SELECT placed_at FROM orders WHERE order_id = 'A2'")).toEqual([
      { placed_at: '2026-10-06T00:00:00.000Z' },
    ]);
    wh.close();
  });

  it('JSON array, NDJSON and Parquet', async () => {
    const rows = [
      {
        订单编号: 'A1',
        下单时间: '2026年10月5日 12:00:00',
        买家ID: '张三',
        实付金额: 1234.5,
        订单状态: '交易成功',
      },
      { 订单编号: 'A2', 下单时间: '2026/10/06 08:00', 买家ID: '李四', 实付金额: '99元', 订单状态: '已付款' },
    ];
    const json = write(dir, 'o.json', JSON.stringify(rows));
    const ndjson = write(dir, 'o.ndjson', rows.map((r) => JSON.stringify(r)).join('\n'));
    for (const path of [json, ndjson]) {
      const wh = await openIn(dir, `${path.endsWith('.json') ? 'j' : 'nd'}.duckdb`);
      await importFiles(wh, [path]);
      expect(await wh.query(SELECT)).toEqual(EXPECTED);
      wh.close();
    }
    const wh = await openIn(dir, 'pq.duckdb');
    const pq = `${dir}/o.parquet`;
    await wh.exec(
      `COPY (SELECT 'A1' AS order_id, TIMESTAMPTZ '2026-10-05 12:00:00+08' AS placed_at, '张三' AS customer_id, 1234.50::DECIMAL(18,2) AS paid_total, 'completed' AS status
             UNION ALL SELECT 'A2', TIMESTAMPTZ '2026-10-06 08:00:00+08', '李四', 99, 'paid') TO '${pq}' (FORMAT parquet)`,
    );
    await importFiles(wh, [pq]);
    expect(await wh.query(SELECT)).toEqual(EXPECTED);
    wh.close();
  });
});
