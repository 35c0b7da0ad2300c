import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvWriter, csvField, utf8 } from '../../src/demo/csv-writer.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('fupan-csv-writer-');

describe('CsvWriter', () => {
  it('writes integers, fen amounts and clock times as the String/toFixed forms would', () => {
    const file = join(dir, 'numbers.csv');
    const w = new CsvWriter(file, ['n', 'yuan', 'clock']);
    const xs = [
      0, 7, 10, 42, 99, 100, 101, 999, 1000, 12_345, 100_000_000, 123_456_789, 1_234_567_890, 98_765_432_101,
    ];
    for (const x of xs)
      w.begin()
        .int(x)
        .comma()
        .fen(x)
        .comma()
        .clock(x % 86_400)
        .end();
    w.begin().int(1).comma().fen(-250).comma().clock(86_399).end();
    w.close();
    const clock = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);
    const want = xs.map((x) => `${x},${(x / 100).toFixed(2)},${clock(x % 86_400)}`);
    expect(readFileSync(file, 'utf8')).toBe(`n,yuan,clock\n${want.join('\n')}\n1,-2.50,23:59:59\n`);
    expect(w.rows).toBe(xs.length + 1);
  });

  it('mixes pre-encoded UTF-8 fields with string rows and flushes across its 4 MB buffer', () => {
    const file = join(dir, 'text.csv');
    const w = new CsvWriter(file, ['channel', 'n']);
    const name = utf8('信息流广告');
    const rows = 300_000; // ≈ 6 MB: several flushes
    for (let i = 0; i < rows; i++) {
      if (i % 2 === 0) w.begin().bytes(name).comma().int(i).end();
      else w.row(`私域社群,${i}\n`);
    }
    w.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(rows + 1);
    expect(lines[1]).toBe('信息流广告,0');
    expect(lines[rows]).toBe(`私域社群,${rows - 1}`);
  });

  it('quotes fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain 文本')).toBe('plain 文本');
  });
});
