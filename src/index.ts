/** fupan's public library API. Everything not exported here is internal. */
export { DEFAULT_CONFIG, type FupanConfig, loadConfig, resolveConfig } from './config/config.js';
export { type DemoOptions, type DemoResult, generateDemo } from './demo/index.js';
export { FupanError, type FupanErrorCode, isFupanError } from './errors.js';
export { type ImportOptions, type ImportResult, importFiles, type RejectedRow } from './ingest/index.js';
export {
  DIMENSIONS,
  type DimensionDef,
  type Filter,
  METRICS,
  type MetricDef,
  type MetricRow,
  metricDef,
  monthPeriod,
  type Period,
  previousPeriod,
  type QueryResult,
  type QuerySpec,
  query,
  yoyPeriod,
} from './metrics/index.js';
export { type ColumnDef, TABLES, type TableDef, type TableName } from './schema/tables.js';
export type { Dialect, Grain } from './warehouse/dialect.js';
export { type OpenOptions, type Row, type Value, Warehouse } from './warehouse/warehouse.js';
