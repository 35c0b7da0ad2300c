import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CONFIG_FILE, type LoadedConfig } from '../config/config.js';
import { FupanError } from '../errors.js';

/** A fresh access token: 32 random bytes, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The token `fupan serve` requires off localhost: the one in the config, or a new one written into
 * the config file (created when missing, other settings kept, readable by the owner only).
 */
export function ensureServerToken(loaded: LoadedConfig): { token: string; created: boolean; path: string } {
  const path = loaded.path ?? `${loaded.dir}/${CONFIG_FILE}`;
  if (loaded.config.serverToken) {
    if (loaded.config.serverToken.length < 16) {
      throw new FupanError(
        'CONFIG_INVALID',
        `${path}: serverToken is too short (use at least 16 characters)`,
      );
    }
    return { token: loaded.config.serverToken, created: false, path };
  }
  const token = generateToken();
  let raw: Record<string, unknown> = {};
  if (existsSync(path)) raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  raw.serverToken = token;
  writeFileSync(path, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { token, created: true, path };
}
