import { useEffect, useMemo, useState } from 'preact/hooks';
import { addDays } from '../metrics/period.js';
import { watchDataVersion } from './api/data-version.js';
import type { Meta } from './api/types.js';
import { useFetch } from './api/use-fetch.js';
import { type AppContext, Ctx, MessagesCtx } from './app-context.js';
import { FilterBar } from './components/filter-bar.js';
import { lazyPanel } from './components/lazy.js';
import { Status } from './components/status.js';
import { MESSAGES } from './i18n/messages.js';
import { Overview } from './pages/overview/overview.js';
import { presetPeriod } from './state/date-presets.js';
import { parseViewState, serializeViewState, type ViewState } from './state/view-state.js';

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function withoutEmptyFilters(s: ViewState): ViewState {
  const filters = Object.fromEntries(Object.entries(s.filters).filter(([, v]) => v)) as ViewState['filters'];
  return { ...s, filters };
}

/** The monthly review of the month on screen (a whole month), else the last complete one. */
function reportUrl(ctx: AppContext): string {
  const { from, to } = ctx.period;
  const whole = from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7) && addDays(to, 1).endsWith('-01');
  const q = new URLSearchParams({ lang: ctx.state.lang, format: 'html' });
  if (whole) q.set('month', from.slice(0, 7));
  return `/api/report?${q}`;
}

/** Pages by name; a later issue's page is one more entry here and one more tab. */
const PAGES = {
  overview: Overview,
  breakdown: lazyPanel('breakdown', () => import('./pages/breakdown/breakdown.js').then((m) => m.Breakdown)),
} as const;

export function App() {
  const [state, setState] = useState<ViewState>(() => parseViewState(location.search));
  useEffect(() => {
    const onPop = () => setState(parseViewState(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const meta = useFetch<Meta>('/api/meta');
  // open dashboards follow imports through the server (api/data-version.ts)
  useEffect(() => watchDataVersion(), []);
  const t = MESSAGES[state.lang];

  useEffect(() => {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `fupan · ${t.title}`;
  }, [state.lang, t]);

  const ctx = useMemo<AppContext | null>(() => {
    if (meta.state !== 'ready') return null;
    const today = state.today ?? meta.data.dataRange?.to ?? localToday();
    const period = presetPeriod(state.preset, today, { from: state.from, to: state.to });
    const navigate = (patch: Partial<ViewState>) => {
      const next = withoutEmptyFilters({ ...state, ...patch });
      history.pushState(null, '', `${location.pathname}${serializeViewState(next)}`);
      setState(next);
    };
    return { state, meta: meta.data, t, period, today, navigate };
  }, [state, meta, t]);

  const Page = PAGES[state.view];
  return (
    <MessagesCtx.Provider value={t}>
      <header class="top">
        <h1>
          <span class="brand">fupan</span> {t.title}
        </h1>
        {ctx && (
          <nav class="tabs" aria-label={t.title}>
            {(Object.keys(PAGES) as Array<keyof typeof PAGES>).map((v) => (
              <button
                type="button"
                key={v}
                data-view={v}
                aria-current={state.view === v ? 'page' : undefined}
                onClick={() => ctx.navigate({ view: v })}
              >
                {t[v]}
              </button>
            ))}
          </nav>
        )}
        {ctx?.meta.dataRange && (
          <a class="report-link" data-report="html" href={reportUrl(ctx)} download>
            {t.report}
          </a>
        )}
        <button
          type="button"
          class="lang"
          data-lang={state.lang === 'zh' ? 'en' : 'zh'}
          onClick={() =>
            ctx
              ? ctx.navigate({ lang: state.lang === 'zh' ? 'en' : 'zh' })
              : setState({ ...state, lang: state.lang === 'zh' ? 'en' : 'zh' })
          }
        >
          {state.lang === 'zh' ? 'EN' : '中文'}
        </button>
      </header>
      <main>
        {meta.state === 'loading' && <Status kind="loading" />}
        {meta.state === 'error' && (
          <Status kind="error">
            <span class="status-detail">{meta.message}</span>
          </Status>
        )}
        {ctx && (
          <Ctx.Provider value={ctx}>
            <FilterBar />
            {ctx.meta.dataRange === null ? <Status kind="empty" /> : <Page />}
          </Ctx.Provider>
        )}
      </main>
    </MessagesCtx.Provider>
  );
}
