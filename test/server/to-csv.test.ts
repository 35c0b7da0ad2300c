import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/server/to-csv.js';

describe('csvCell', () => {
  it('keeps numbers numeric, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(1234567.89)).toBe('1234567.89');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('-12.5')).toBe("'-12.5"); // text, not a number: escaped
  });

  it('quotes commas, quotes and line breaks; leaves plain Chinese text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('直播')).toBe('直播');
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header and CRLF rows in column order', () => {
    const csv = toCsv(
      ['channel', 'gmv'],
      [
        { channel: '直播', gmv: 100.5 },
        { channel: '=cmd', gmv: -3 },
      ],
    );
    expect(csv).toBe("\uFEFFchannel,gmv\r\n直播,100.5\r\n'=cmd,-3\r\n");
  });
});
