import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What a running `fupan serve` tells other fupan processes (e.g. `fupan import`) about itself. */
export interface ServeRuntime {
  pid: number;
  host: string;
  port: number;
  /** Base URL to reach the API from this machine. */
  url: string;
  /** Bearer token for the API (writes always need it). */
  token: string;
  /** Absolute path of the database file the server owns. */
  database: string;
  startedAt: string;
}

/** `.fupan/<database file name>.serve.json` beside the database. */
export function runtimeFilePath(database: string): string {
  return join(dirname(database), '.fupan', `${basename(database)}.serve.json`);
}

/** Written when the server listens; readable by the owner only (it holds the token). */
export function writeRuntimeFile(info: ServeRuntime): string {
  const path = runtimeFilePath(info.database);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return path;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server of this database, or undefined (no file, a stale file, another database). */
export function readRuntimeFile(database: string): ServeRuntime | undefined {
  const path = runtimeFilePath(database);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServeRuntime;
    if (info.database !== database || !Number.isInteger(info.pid) || !alive(info.pid)) return undefined;
    return info;
  } catch {
    return undefined;
  }
}

/** Removes the file if it still describes this process. */
export function removeRuntimeFile(database: string, pid = process.pid): void {
  const path = runtimeFilePath(database);
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as ServeRuntime;
    if (info.pid === pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}
