import type { ComponentChildren } from 'preact';
import type { Loadable } from '../api/use-fetch.js';
import { useApp, useMessages } from '../app-context.js';

/** Loading, error and "import this table first" states of a panel, in one look. */
export function Status(props: {
  kind: 'loading' | 'empty' | 'error' | 'missing';
  children?: ComponentChildren;
}) {
  const t = useMessages();
  const text =
    props.kind === 'loading'
      ? t.loading
      : props.kind === 'empty'
        ? t.empty
        : props.kind === 'error'
          ? t.error
          : '';
  return (
    <div class={`status status-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {text && <span>{text}</span>}
      {props.children}
    </div>
  );
}

/** Renders `ready` with the data, or the matching status. */
export function Loaded<T>(props: { value: Loadable<T>; children: (data: T) => ComponentChildren }) {
  const v = props.value;
  if (v.state === 'loading') return <Status kind="loading" />;
  if (v.state === 'error') {
    return (
      <Status kind="error">
        <span class="status-detail">{v.message}</span>
      </Status>
    );
  }
  return <>{props.children(v.data)}</>;
}

/** The message for panels whose tables are empty. */
export function MissingTables(props: { tables: string[] }) {
  const t = useMessages();
  return (
    <Status kind="missing">
      <span>{t.no_table(props.tables.join(', '))}</span>
    </Status>
  );
}

/** For panels that always show the whole shop: says so while the page is filtered. */
export function WholeShop() {
  const { state, t } = useApp();
  if (!Object.values(state.filters).some(Boolean)) return null;
  return (
    <p class="hint" data-whole-shop>
      {t.whole_shop}
    </p>
  );
}

/** A request that failed: "no data yet" when the server says NO_DATA, else an error; the server's message below. */
export function Failed(props: { code?: string; message: string }) {
  return (
    <Status kind={props.code === 'NO_DATA' ? 'empty' : 'error'}>
      <span class="status-detail">{props.message}</span>
    </Status>
  );
}
