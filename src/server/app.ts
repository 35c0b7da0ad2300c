import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { FupanConfig } from '../config/config.js';
import type { WarehousePool } from '../warehouse/pool.js';
import { errorResponse, httpError } from './error-response.js';
import { type AccessOptions, access } from './middleware/access/index.js';
import { securityHeaders } from './middleware/security-headers/index.js';
import { staticAssets } from './middleware/static-assets/index.js';
import { ResultCache } from './result-cache.js';
import { anomalyRoutes } from './routes/anomalies.js';
import { channelRoutes } from './routes/channels.js';
import { customerRoutes } from './routes/customers.js';
import { explainRoutes } from './routes/explain.js';
import { funnelRoutes } from './routes/funnel.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { metaRoutes } from './routes/meta.js';
import { queryRoutes } from './routes/query.js';
import { reportRoutes } from './routes/report.js';

export interface AppOptions {
  pool: WarehousePool;
  config: FupanConfig;
  access: AccessOptions;
  /** Folder of the built dashboard (dist/web). */
  staticDir: string;
  version: string;
}

export interface FupanApp {
  app: Hono;
  /** Answers cached until the data changes; `invalidate()` after writing to the warehouse. */
  cache: ResultCache<unknown>;
}

/**
 * The HTTP surface: security headers and access control on everything, the JSON API under /api,
 * the dashboard's static files, and one error mapping at the edge.
 */
export function createApp(opts: AppOptions): FupanApp {
  const cache = new ResultCache<unknown>();
  // Changes whenever the data does (and on every start: the data may have changed while stopped).
  const boot = randomBytes(4).toString('hex');
  const dataVersion = () => `${boot}.${cache.dataVersion}`;
  const api = new Hono()
    .use(async (c, next) => {
      // the version the answer was computed under: a dashboard reloads when it sees a newer one
      const version = dataVersion();
      await next();
      c.header('Cache-Control', 'no-store');
      c.header('X-Fupan-Data-Version', version);
    })
    .route('/', healthRoutes(opts.version, dataVersion))
    .route('/', metaRoutes({ pool: opts.pool, config: opts.config, version: opts.version, cache }))
    .route('/', queryRoutes({ pool: opts.pool, weekStart: opts.config.weekStart, cache }))
    .route('/', reportRoutes({ pool: opts.pool, config: opts.config, cache }))
    .route('/', customerRoutes({ pool: opts.pool, cache }))
    .route('/', explainRoutes({ pool: opts.pool, weekStart: opts.config.weekStart, cache }))
    .route('/', anomalyRoutes({ pool: opts.pool, config: opts.config, cache }))
    .route('/', funnelRoutes({ pool: opts.pool, weekStart: opts.config.weekStart, cache }))
    .route('/', channelRoutes({ pool: opts.pool, weekStart: opts.config.weekStart, cache }))
    .route('/', importRoutes({ pool: opts.pool, cache }));
  const app = new Hono()
    .use(securityHeaders())
    .use(access(opts.access))
    .route('/api', api)
    .use(staticAssets(opts.staticDir));
  app.notFound((c) => errorResponse(httpError(404, 'not found'), c));
  app.onError(errorResponse);
  return { app, cache };
}
