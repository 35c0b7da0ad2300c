import { Hono } from 'hono';

/**
 * GET /api/health: the server is up, and `dataVersion`, which changes whenever the data does (an
 * import through the server, a restart): open dashboards poll it and reload their numbers when it
 * changes. Says nothing about the data or the machine.
 */
export function healthRoutes(version: string, dataVersion: () => string): Hono {
  return new Hono().get('/health', (c) => c.json({ status: 'ok', version, dataVersion: dataVersion() }));
}
