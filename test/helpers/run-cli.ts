import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node's arguments that run the CLI from source (through tsx), before the CLI's own arguments. */
export const CLI_ARGV: readonly string[] = ['--import', TSX, MAIN];

/** The environment the CLI runs with in tests: this process's, with the time zone pinned. */
export const CLI_ENV = { ...process.env, TZ: 'UTC' };

/** Runs `fupan ...args` as a real process in `cwd` and waits for it: exit code, stdout, stderr. */
export function runFupan(
  cwd: string,
  args: readonly string[],
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...CLI_ARGV, ...args], { cwd, encoding: 'utf8', env: CLI_ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
