import { useEffect, useState } from 'preact/hooks';
import { fetchJson } from './fetch-json.js';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; code: string; message: string }
  | { state: 'ready'; data: T };

/**
 * Loads JSON for a component; `url === null` waits. A newer address replaces an older answer, so a
 * slow response to a previous filter never overwrites the current one.
 */
export function useFetch<T>(url: string | null, retry = 0): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    if (url === null) return;
    let current = true;
    setResult({ state: 'loading' });
    fetchJson<T>(url).then(
      (data) => current && setResult({ state: 'ready', data }),
      (e: { code?: string; message?: string }) =>
        current && setResult({ state: 'error', code: e.code ?? 'ERROR', message: e.message ?? String(e) }),
    );
    return () => {
      current = false;
    };
  }, [url, retry]);
  return result;
}
