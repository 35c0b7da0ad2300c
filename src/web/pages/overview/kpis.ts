import type { TableName } from '../../../schema/tables.js';
import type { FilterDim } from '../../state/view-state.js';

/**
 * KPI cards, grouped by the fact tables their metrics come from: a group is one request, so a
 * filter one fact table cannot honour (visitors by category) only blanks the cards it concerns.
 */
export interface KpiGroup {
  metrics: string[];
  /** Tables the numbers need (an empty one shows "import it first"). */
  tables: TableName[];
  /** Filters the group can apply; undefined = all. */
  dims?: FilterDim[];
}

export const KPI_GROUPS: KpiGroup[] = [
  { metrics: ['gmv', 'orders', 'buyers', 'atv', 'refund_rate'], tables: ['orders'] },
  { metrics: ['conversion', 'visitors'], tables: ['orders', 'traffic_daily'], dims: ['channel', 'device'] },
  { metrics: ['roas'], tables: ['orders', 'marketing_spend'], dims: ['channel'] },
];

/** Card order on the page. */
export const KPI_ORDER = ['gmv', 'orders', 'buyers', 'atv', 'conversion', 'visitors', 'refund_rate', 'roas'];
