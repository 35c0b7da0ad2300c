import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import { FupanError } from '../errors.js';

export type TextEncoding = 'utf8' | 'utf8-bom' | 'gb18030' | 'utf16le' | 'utf16be';

const SAMPLE_BYTES = 1 << 20;

/** Whether bytes are valid UTF-8, ignoring a multi-byte sequence cut off at the end of the sample. */
function isUtf8(buf: Buffer, complete: boolean): boolean {
  let end = buf.length;
  if (!complete) {
    // back up over a trailing partial sequence (at most 3 continuation bytes plus its lead byte)
    let i = end - 1;
    let back = 0;
    while (i >= 0 && back < 3 && (buf[i] & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && buf[i] >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Guesses a text file's encoding from its byte-order mark, else from its first megabyte: valid UTF-8
 * is UTF-8, anything else is taken as GB18030 (a superset of GBK and GB2312, what Chinese platforms
 * and Excel on Chinese Windows export).
 */
export function detectEncoding(path: string): TextEncoding {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    const head = buf.subarray(0, n);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom';
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
    if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
    return isUtf8(head, n < SAMPLE_BYTES) ? 'utf8' : 'gb18030';
  } finally {
    closeSync(fd);
  }
}

/**
 * Stream-decodes a file into UTF-8 at `outPath` (line structure unchanged, so line numbers stay
 * true). Refuses the file when a byte sequence cannot be decoded, naming the line.
 */
export async function transcodeToUtf8(
  path: string,
  encoding: Exclude<TextEncoding, 'utf8' | 'utf8-bom'>,
  outPath: string,
  onBytes?: (done: number) => void,
): Promise<void> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = iconv.getDecoder(encoding === 'utf16be' ? 'utf16-be' : encoding, { stripBOM: true });
  const out = createWriteStream(outPath);
  let line = 1;
  let done = 0;
  const write = (text: string): Promise<void> | undefined => {
    if (text.length === 0) return undefined;
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      const upTo = text.slice(0, bad);
      const at = line + (upTo.match(/\n/g)?.length ?? 0);
      throw new FupanError(
        'INGEST_BAD_FILE',
        `${path}: line ${at}: bytes that are not valid ${encoding.toUpperCase()} text. ` +
          'Save the file as UTF-8 (or the encoding the platform documents) and import it again.',
        { file: path, line: at },
      );
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    if (!out.write(text)) return new Promise((r) => out.once('drain', () => r()));
    return undefined;
  };
  try {
    for await (const chunk of input) {
      done += (chunk as Buffer).length;
      const wait = write(decoder.write(chunk as Buffer));
      if (wait) await wait;
      onBytes?.(done);
    }
    write(decoder.end() ?? '');
  } finally {
    input.destroy();
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}
