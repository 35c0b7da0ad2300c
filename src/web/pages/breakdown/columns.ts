import type { TableName } from '../../../schema/tables.js';
import type { BreakdownDim, FilterDim } from '../../state/view-state.js';

/** A metric column of the breakdown table, and where it applies. */
export interface BreakdownColumn {
  metric: string;
  /** Dimensions its fact table has (undefined = every breakdown dimension). */
  dims?: BreakdownDim[];
  /** Filters it can honour (undefined = all). */
  filters?: FilterDim[];
  tables: TableName[];
}

export const COLUMNS: BreakdownColumn[] = [
  { metric: 'gmv', tables: ['orders'] },
  { metric: 'orders', tables: ['orders'] },
  { metric: 'buyers', tables: ['orders'] },
  { metric: 'atv', tables: ['orders'] },
  {
    metric: 'visitors',
    dims: ['channel', 'device'],
    filters: ['channel', 'device'],
    tables: ['traffic_daily'],
  },
  {
    metric: 'conversion',
    dims: ['channel', 'device'],
    filters: ['channel', 'device'],
    tables: ['traffic_daily'],
  },
  { metric: 'roas', dims: ['channel'], filters: ['channel'], tables: ['marketing_spend'] },
];

/** Tables a breakdown by the dimension needs besides orders. */
export const DIM_TABLES: Record<BreakdownDim, TableName[]> = {
  channel: ['orders'],
  device: ['orders'],
  province: ['orders'],
  customer_type: ['orders'],
  category: ['orders', 'order_lines', 'products'],
  sku: ['orders', 'order_lines'],
};

/** Rows shown at most (SKUs can be thousands: the top ones by GMV). */
export const ROW_LIMIT = 100;
