import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Period } from '../metrics/types.js';
import type { Meta } from './api/types.js';
import type { Messages } from './i18n/messages.js';
import type { ViewState } from './state/view-state.js';

/** What every panel reads: the view in the address, the server's metadata and the chosen period. */
export interface AppContext {
  state: ViewState;
  meta: Meta;
  t: Messages;
  period: Period;
  today: string;
  /** Changes the view (a new history entry, so Back works). */
  navigate: (patch: Partial<ViewState>) => void;
}

export const Ctx = createContext<AppContext | null>(null);

/** The UI texts of the chosen language; provided above everything (also while /api/meta loads). */
export const MessagesCtx = createContext<Messages | null>(null);

export function useMessages(): Messages {
  const t = useContext(MessagesCtx);
  if (!t) throw new Error('useMessages outside <MessagesCtx.Provider>');
  return t;
}

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside <Ctx.Provider>');
  return ctx;
}

/** The zh/en label of a metric or dimension from /api/meta (its name when unknown). */
export function labelOf(meta: Meta, lang: 'zh' | 'en', name: string): string {
  const m = meta.metrics.find((x) => x.name === name) ?? meta.dimensions.find((x) => x.name === name);
  return m ? m.label[lang] : name;
}

/** Tables (of those given) that hold no rows yet. */
export function missingTables(meta: Meta, tables: string[]): string[] {
  return tables.filter((t) => (meta.tables.find((s) => s.table === t)?.rows ?? 0) === 0);
}
