import { noteDataVersion } from './data-version.js';
import type { ApiErrorBody } from './types.js';

/** An API refusal or failure, with the server's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const cache = new Map<string, Promise<unknown>>();

/** Forgets every answer (the data changed). */
export function clearFetchCache(): void {
  cache.clear();
}

/**
 * GET a JSON document; identical addresses share one request until the data changes (see
 * data-version.ts). Failed requests are not kept.
 */
export function fetchJson<T>(url: string): Promise<T> {
  const hit = cache.get(url);
  if (hit) return hit as Promise<T>;
  const p = (async () => {
    let res: Response;
    try {
      res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', (e as Error).message);
    }
    noteDataVersion(res.headers.get('x-fupan-data-version'));
    const body = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const err = (body as ApiErrorBody | null)?.error;
      throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? res.statusText);
    }
    return body as T;
  })();
  cache.set(url, p);
  p.catch(() => cache.delete(url));
  return p;
}
