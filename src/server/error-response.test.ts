import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { FupanError } from '../errors.js';
import { errorResponse, httpError } from './error-response.js';

describe('errorResponse (the one place errors become HTTP)', () => {
  const app = new Hono()
    .get('/invalid', () => {
      throw new FupanError('QUERY_INVALID', 'unknown metric "x"');
    })
    .get('/busy', () => {
      throw new FupanError('DB_IN_USE', 'in use by PID 7');
    })
    .get('/nodata', () => {
      throw new FupanError('NO_DATA', 'no paid orders in 2020-01');
    })
    .get('/refused', () => {
      throw httpError(403, 'not here');
    })
    .get('/bug', () => {
      throw new Error('SELECT * FROM secret -- at /home/me/src/x.ts:12');
    })
    .onError(errorResponse);

  it('keeps the code and message of user-facing errors, with a fitting status', async () => {
    const cases: Array<[string, number, string]> = [
      ['/invalid', 400, 'QUERY_INVALID'],
      ['/busy', 503, 'DB_IN_USE'],
      ['/nodata', 404, 'NO_DATA'],
      ['/refused', 403, 'FORBIDDEN'],
    ];
    for (const [path, status, code] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect((await res.json()).error.code, path).toBe(code);
    }
  });

  it('answers a bug with a generic 500: no message, SQL, path or stack reaches the client', async () => {
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      const res = await app.request('/bug');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'INTERNAL', message: 'internal error; the server log has the details' },
      });
      expect(text).not.toMatch(/SELECT|secret|\.ts|at /);
    } finally {
      process.stderr.write = stderr;
    }
  });
});
