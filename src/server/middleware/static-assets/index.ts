import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Uint8Array;
  gzip?: Uint8Array;
  br?: Uint8Array;
  type: string;
  etag: string;
  /** Content-hashed names never change: cache them for a year. */
  immutable: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Reads every file of `dir` once into memory, with gzip and brotli versions of the text ones. */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const file of walk(dir)) {
    const ext = extname(file);
    const type = TYPES[ext];
    if (!type || file.endsWith('.map')) continue;
    const body = readFileSync(file);
    const text = type.startsWith('text/') || type.includes('json') || type.includes('svg');
    const urlPath = `/${relative(dir, file).split(sep).join('/')}`;
    assets.set(urlPath, {
      body,
      gzip: text ? gzipSync(body, { level: 9 }) : undefined,
      br: text ? brotliCompressSync(body) : undefined,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: /-[A-Z0-9]{8,}\.[a-z]+$/i.test(urlPath),
    });
  }
  return assets;
}

/** Raw request targets that try to leave the folder or smuggle separators: always 404. */
const SUSPICIOUS = /(^|\/)\.\.?(\/|$)|%2e|%2f|%5c|\\|%00|\0|\/\//i;

/**
 * Serves the built dashboard from memory. A request path is only ever a key into the map of files
 * that were in the folder at start-up, never joined to a file system path, so `../`, encoded dots,
 * backslashes, NUL bytes and absolute paths cannot reach another file: they get 404.
 * `/` serves index.html; everything else not in the map falls through (to the 404 handler).
 */
export function staticAssets(dir: string): MiddlewareHandler {
  const assets = loadAssets(dir);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const raw = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url ?? c.req.path;
    const rawPath = raw.split('?')[0];
    if (SUSPICIOUS.test(rawPath)) return c.notFound();
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const asset = assets.get(path);
    if (!asset) {
      if (path === '/index.html') {
        return c.text('The dashboard is not built: run `npm run build` (it builds dist/web).', 503);
      }
      return next();
    }
    const headers: Record<string, string> = {
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
    const accept = c.req.header('accept-encoding') ?? '';
    let body = asset.body;
    if (asset.br && /\bbr\b/.test(accept)) {
      body = asset.br;
      headers['Content-Encoding'] = 'br';
    } else if (asset.gzip && /\bgzip\b/.test(accept)) {
      body = asset.gzip;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.byteLength);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
