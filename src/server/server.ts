import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import type { LoadedConfig } from '../config/config.js';
import { FupanError } from '../errors.js';
import { WarehousePool } from '../warehouse/pool.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { ensureServerToken, generateToken } from './access-token.js';
import { createApp } from './app.js';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.js';

export interface ServeOptions {
  loaded: LoadedConfig;
  /** Absolute path of the DuckDB file. */
  dbPath: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Built dashboard (default: dist/web of this package). */
  staticDir?: string;
  /** Extra connections for concurrent reads. */
  poolSize?: number;
}

export interface RunningServer {
  /** Base URL on this machine. */
  url: string;
  host: string;
  port: number;
  /** Required on every request (off localhost) or only for writes (on localhost). */
  token: string;
  requireToken: boolean;
  /** A token was generated and written to the config on this start. */
  tokenCreated: boolean;
  configPath?: string;
  close(graceMs?: number): Promise<void>;
}

/** The package's own dist/web (same relative path from src/server and dist/server). */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return String(pkg.version);
  } catch {
    return '0.0.0';
  }
}

/**
 * Requests the Node adapter refuses before they reach the app (a backslash in the path, a bad Host
 * header): 404 for path tricks, 400 otherwise, as JSON with the same headers as every answer.
 */
function malformedRequest(err: unknown): Response {
  const path = /backslash/i.test((err as Error)?.message ?? '');
  const status = path ? 404 : 400;
  const body = {
    error: { code: path ? 'NOT_FOUND' : 'BAD_REQUEST', message: path ? 'not found' : 'malformed request' },
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    },
  });
}

/** Loopback addresses: the only ones served without an access token. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** An address other machines can use to reach a server bound to all interfaces. */
function publicAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return publicAddress();
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts `fupan serve`: opens (and so owns) the database — DB_IN_USE names the other process when
 * one holds it — then listens, and writes the runtime file through which `fupan import` reaches the
 * running server. Off localhost every request needs the access token from the config (generated and
 * saved on the first such start); on localhost reads are open to this machine only.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  let token: string;
  let tokenCreated = false;
  let configPath = opts.loaded.path;
  if (loopback) token = opts.loaded.config.serverToken ?? generateToken();
  else {
    const t = ensureServerToken(opts.loaded);
    token = t.token;
    tokenCreated = t.created;
    configPath = t.path;
  }
  const wh = await Warehouse.open(opts.dbPath, { timeZone: opts.loaded.config.timeZone });
  const pool = await WarehousePool.create(wh, opts.poolSize ?? 4);
  const { app } = createApp({
    pool,
    config: opts.loaded.config,
    access: {
      token,
      requireToken: !loopback,
      allowedHosts: loopback ? ['localhost', '127.0.0.1', '[::1]', urlHost(host)] : undefined,
    },
    staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
    version: packageVersion(),
  });
  const server: Server = createServer(getRequestListener(app.fetch, { errorHandler: malformedRequest }));
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.listen(opts.port ?? 8080, host, () => resolve((server.address() as AddressInfo).port));
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new FupanError('USAGE', `port ${opts.port} on ${host} is in use: choose another with --port`)
            : e.code === 'EADDRNOTAVAIL'
              ? new FupanError('USAGE', `${host} is not an address of this machine (--host)`)
              : e,
        ),
      );
    });
  } catch (e) {
    await pool.close();
    wh.close();
    throw e;
  }
  const url = `http://${urlHost(host)}:${port}`;
  writeRuntimeFile({
    pid: process.pid,
    host,
    port,
    url: host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : url,
    token,
    database: wh.path,
    startedAt: new Date().toISOString(),
  });
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    token,
    requireToken: !loopback,
    tokenCreated,
    configPath,
    /**
     * Stops listening, lets requests in flight finish (at most `graceMs`), then closes the
     * connections and the database, and removes the runtime file.
     */
    close(graceMs = 5000) {
      closing ??= new Promise<void>((resolve) => {
        removeRuntimeFile(wh.path);
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(async () => {
          clearTimeout(force);
          await pool.close();
          wh.close();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
