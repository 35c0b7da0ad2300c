import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** SHA-256 of the file's bytes (hex), on the calling thread. */
export async function contentHash(path: string, onBytes?: (done: number) => void): Promise<string> {
  const h = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    h.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onBytes?.(done);
  }
  return h.digest('hex');
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const h = createHash('sha256');
const buf = Buffer.allocUnsafe(1 << 22);
const fd = openSync(workerData, 'r');
try {
  let n;
  while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
} finally {
  closeSync(fd);
}
parentPort.postMessage(h.digest('hex'));
`;

/**
 * SHA-256 of the file computed on a worker thread, so that it overlaps the load (a 1 GB file takes
 * about a second to hash). Falls back to the calling thread when a worker cannot start.
 */
export function contentHashInBackground(path: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { eval: true, workerData: path });
    } catch {
      contentHash(path).then(resolve, reject);
      return;
    }
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`hashing ${path} stopped (exit code ${code})`));
    });
  });
}
