import { lazyPanel } from '../../components/lazy.js';
import { KpiGrid } from './kpi-grid.js';
import { TrendPanel } from './trend.js';

/**
 * 概览: the KPI cards and the GMV trend, then the panels of later analyses, each a component reading
 * `useApp()`. Panels below the fold are chunks of their own, loaded (with their data) as they come
 * near the screen.
 */
export const PANELS = [
  KpiGrid,
  TrendPanel,
  lazyPanel('diagnosis', () => import('./diagnosis.js').then((m) => m.DiagnosisPanel), 'diagnosis'),
  lazyPanel('anomalies', () => import('./anomalies.js').then((m) => m.AnomaliesPanel), 'anomalies'),
  lazyPanel('funnel', () => import('./funnel.js').then((m) => m.FunnelPanel), 'funnel'),
  lazyPanel('channels', () => import('./channels.js').then((m) => m.ChannelsPanel), 'channels'),
  lazyPanel('customers', () => import('./customers.js').then((m) => m.CustomersPanel), 'customer_insight'),
];

export function Overview() {
  return (
    <>
      {PANELS.map((Panel, i) => (
        <Panel key={i} />
      ))}
    </>
  );
}
