import { useEffect, useState } from 'preact/hooks';
import { clearFetchCache } from './fetch-json.js';

/**
 * The server's data version (`boot.n`: n counts imports since the server started) as this page last
 * saw it. Every API answer carries the version its request started under (X-Fupan-Data-Version) and
 * /api/health is polled; when a newer version shows up, cached answers are dropped and every
 * `useFetch` loads its address again, so an open dashboard follows imports without a reload.
 */
let known: { boot: string; n: number } | null = null;
let generation = 0;
const listeners = new Set<(g: number) => void>();

/** Notes a version seen in an answer; a newer one (or another server start) refreshes the page's data. */
export function noteDataVersion(text: string | null): void {
  const m = /^([0-9a-f]+)\.(\d+)$/.exec(text ?? '');
  if (!m) return;
  const seen = { boot: m[1], n: Number(m[2]) };
  if (known === null) {
    known = seen;
    return;
  }
  // answers to requests that started before an import carry the older n: not a change
  if (seen.boot === known.boot && seen.n <= known.n) return;
  known = seen;
  generation++;
  clearFetchCache();
  for (const fn of listeners) fn(generation);
}

/** How often an open, visible page asks whether the data changed. */
export const POLL_MS = 4000;

async function poll(): Promise<void> {
  if (document.visibilityState === 'hidden') return;
  try {
    const res = await fetch('/api/health', { credentials: 'same-origin', cache: 'no-store' });
    if (res.ok) noteDataVersion(((await res.json()) as { dataVersion?: string }).dataVersion ?? null);
  } catch {
    // the server is restarting or gone: the next poll tries again
  }
}

/** Starts polling (once per page); returns the function that stops it. */
export function watchDataVersion(): () => void {
  const timer = setInterval(poll, POLL_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void poll();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** The number of data changes seen so far; a component using it re-renders on each change. */
export function useDataGeneration(): number {
  const [g, setG] = useState(generation);
  useEffect(() => {
    const fn = (next: number) => setG(next);
    listeners.add(fn);
    if (g !== generation) setG(generation);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return g;
}
