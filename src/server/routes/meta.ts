import { Hono } from 'hono';
import type { FupanConfig } from '../../config/config.js';
import { DIMENSIONS, METRICS } from '../../metrics/index.js';
import type { DimensionDef, MetricDef, Period } from '../../metrics/types.js';
import type { WarehousePool } from '../../warehouse/pool.js';
import { type TableStats, tableStats } from '../../warehouse/table-stats.js';
import type { ResultCache } from '../result-cache.js';

/** GET /api/meta: everything the dashboard needs to label, format and scope its panels. */
export interface MetaBody {
  version: string;
  language: 'zh' | 'en';
  currency: string;
  timeZone: string;
  weekStart: 1 | 7;
  metrics: MetricDef[];
  dimensions: DimensionDef[];
  tables: Array<TableStats & { empty: boolean }>;
  /** Dates of paid orders (else of traffic) in the warehouse; null when it holds neither. */
  dataRange: Period | null;
}

export function metaRoutes(deps: {
  pool: WarehousePool;
  config: FupanConfig;
  version: string;
  cache: ResultCache<unknown>;
}): Hono {
  const { config } = deps;
  return new Hono().get('/meta', async (c) => {
    const body = await deps.cache.get('meta', async () => {
      const stats = await deps.pool.use((wh) => tableStats(wh));
      const dated = ['orders', 'traffic_daily'].map((t) => stats.find((s) => s.table === t));
      const range = dated.find((s) => s?.from && s.to);
      const meta: MetaBody = {
        version: deps.version,
        language: config.language,
        currency: config.currency,
        timeZone: config.timeZone,
        weekStart: config.weekStart,
        metrics: Object.values(METRICS).map((m) => ({
          name: m.name,
          label: m.label,
          format: m.format,
          kind: m.kind,
          description: m.description,
          ...(m.ratio ? { ratio: m.ratio } : {}),
          ...(m.formula ? { formula: m.formula } : {}),
          ...(m.tables ? { tables: m.tables } : {}),
          ...(m.caveats ? { caveats: m.caveats } : {}),
        })),
        dimensions: Object.values(DIMENSIONS).map((d) => ({
          name: d.name,
          label: d.label,
          ...(d.grain ? { grain: d.grain } : {}),
          ...(d.description ? { description: d.description } : {}),
        })),
        tables: stats.map((s) => ({ ...s, empty: s.rows === 0 })),
        dataRange: range?.from && range.to ? { from: range.from, to: range.to } : null,
      };
      return meta;
    });
    return c.json(body as MetaBody);
  });
}
