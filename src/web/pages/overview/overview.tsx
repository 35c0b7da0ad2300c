import { CustomersPanel } from './customers.js';
import { KpiGrid } from './kpi-grid.js';
import { TrendPanel } from './trend.js';

/**
 * 概览: the KPI cards and the GMV trend. Panels of later analyses (cohorts, RFM, funnel, diagnosis)
 * are added to `PANELS` below as those analyses land, each a component reading `useApp()`.
 */
export const PANELS = [KpiGrid, TrendPanel, CustomersPanel];

export function Overview() {
  return (
    <>
      {PANELS.map((Panel, i) => (
        <Panel key={i} />
      ))}
    </>
  );
}
