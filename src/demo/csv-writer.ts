import { closeSync, openSync, writeSync } from 'node:fs';

const CAPACITY = 4 << 20;
/** Room reserved before each row: no demo row is longer. */
const MAX_ROW_BYTES = 4096;
const DIGITS = 48;

const encoder = new TextEncoder();
/** '00' … '99' as byte pairs. */
const PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => DIGITS + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

/** UTF-8 bytes of a string, for fields written many times (channel names, provinces, SKUs …). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * Streams CSV rows to a file through a fixed 4 MB byte buffer written out with synchronous writes:
 * memory stays bounded. Hot rows are written field by field straight as bytes (integers, fen amounts,
 * pre-encoded UTF-8 fields) so that no strings are built per row; `row()` takes a formatted string
 * for the rare rows.
 */
export class CsvWriter {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(CAPACITY);
  private pos = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.fd = openSync(path, 'w');
    this.pos = this.buf.write(`${header.join(',')}\n`, 0);
  }

  /** Appends one formatted row (must end in '\n'). */
  row(line: string): void {
    if (this.pos + line.length * 3 > CAPACITY) this.flush();
    this.pos += this.buf.write(line, this.pos);
    this.rows++;
  }

  /** Starts a byte-level row (makes room for it). */
  begin(): this {
    if (this.pos + MAX_ROW_BYTES > CAPACITY) this.flush();
    return this;
  }

  /** Pre-encoded bytes. */
  bytes(b: Uint8Array): this {
    const n = b.length;
    if (n > 8) {
      this.buf.set(b, this.pos); // memcpy: faster than a loop beyond a few bytes
      this.pos += n;
      return this;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i];
    this.pos = p;
    return this;
  }

  /** One ASCII character code. */
  char(code: number): this {
    this.buf[this.pos++] = code;
    return this;
  }

  comma(): this {
    this.buf[this.pos++] = 44;
    return this;
  }

  /** A non-negative integer (below 2^53) in decimal: two digits per division, from a pair table. */
  int(n: number): this {
    const buf = this.buf;
    if (n < 10) {
      buf[this.pos++] = DIGITS + n;
      return this;
    }
    const len =
      n < 100
        ? 2
        : n < 1e3
          ? 3
          : n < 1e4
            ? 4
            : n < 1e5
              ? 5
              : n < 1e6
                ? 6
                : n < 1e7
                  ? 7
                  : n < 1e8
                    ? 8
                    : n < 1e9
                      ? 9
                      : String(n).length;
    let p = this.pos + len;
    this.pos = p;
    let x = n;
    while (x >= 100) {
      const q = Math.floor(x / 100);
      const r = (x - q * 100) * 2;
      buf[--p] = PAIRS[r + 1];
      buf[--p] = PAIRS[r];
      x = q;
    }
    if (x >= 10) {
      buf[--p] = PAIRS[x * 2 + 1];
      buf[--p] = PAIRS[x * 2];
    } else buf[--p] = DIGITS + x;
    return this;
  }

  /** An amount in fen as yuan with two decimals ('123.45'). */
  fen(n: number): this {
    if (n < 0) {
      this.buf[this.pos++] = 45;
      n = -n;
    }
    const cents = n % 100;
    this.int((n - cents) / 100);
    const buf = this.buf;
    buf[this.pos++] = 46;
    buf[this.pos++] = DIGITS + Math.floor(cents / 10);
    buf[this.pos++] = DIGITS + (cents % 10);
    return this;
  }

  /** Seconds of the day as 'HH:MM:SS'. */
  clock(sec: number): this {
    const buf = this.buf;
    const h = Math.floor(sec / 3600);
    const m = Math.floor(sec / 60) % 60;
    const s = sec % 60;
    let p = this.pos;
    buf[p++] = DIGITS + Math.floor(h / 10);
    buf[p++] = DIGITS + (h % 10);
    buf[p++] = 58;
    buf[p++] = DIGITS + Math.floor(m / 10);
    buf[p++] = DIGITS + (m % 10);
    buf[p++] = 58;
    buf[p++] = DIGITS + Math.floor(s / 10);
    buf[p++] = DIGITS + (s % 10);
    this.pos = p;
    return this;
  }

  /** Ends the row with a newline. */
  end(): void {
    this.buf[this.pos++] = 10;
    this.rows++;
  }

  flush(): void {
    let done = 0;
    while (done < this.pos) done += writeSync(this.fd, this.buf, done, this.pos - done);
    this.pos = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Quotes a CSV field when it holds a comma, quote or newline. */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
