/** fupan's public library API. Everything not exported here is internal. */
export { type FupanConfig, DEFAULT_CONFIG, loadConfig, resolveConfig } from './config/config.js';
export { FupanError, type FupanErrorCode, isFupanError } from './errors.js';
export { TABLES, type TableName, type ColumnDef, type TableDef } from './schema/tables.js';
export type { Dialect, Grain } from './warehouse/dialect.js';
export { Warehouse, type Row, type Value, type OpenOptions } from './warehouse/warehouse.js';
