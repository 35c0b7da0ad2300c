import { Hono } from 'hono';

/** GET /api/health: the server is up. Says nothing about the data or the machine. */
export function healthRoutes(version: string): Hono {
  return new Hono().get('/health', (c) => c.json({ status: 'ok', version }));
}
