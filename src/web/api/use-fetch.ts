import { useEffect, useRef, useState } from 'preact/hooks';
import { useDataGeneration } from './data-version.js';
import { fetchJson } from './fetch-json.js';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; code: string; message: string }
  | { state: 'ready'; data: T };

/**
 * Loads JSON for a component; `url === null` waits. A newer address replaces an older answer, so a
 * slow response to a previous filter never overwrites the current one. When the data changes on the
 * server (an import), the same address is loaded again and the old numbers stay on screen until the
 * new ones arrive.
 */
export function useFetch<T>(url: string | null, retry = 0): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const generation = useDataGeneration();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (url === null) return;
    let current = true;
    if (shown.current !== url) setResult({ state: 'loading' });
    fetchJson<T>(url).then(
      (data) => {
        if (!current) return;
        shown.current = url;
        setResult({ state: 'ready', data });
      },
      (e: { code?: string; message?: string }) => {
        if (!current) return;
        shown.current = null;
        setResult({ state: 'error', code: e.code ?? 'ERROR', message: e.message ?? String(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [url, retry, generation]);
  return result;
}
