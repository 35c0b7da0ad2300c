import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../error-response.js';
import { access, TOKEN_COOKIE } from './index.js';

const TOKEN = 'tok_0123456789abcdefghijklmnop';

function app(requireToken: boolean, allowedHosts?: string[]) {
  return new Hono()
    .use(access({ token: TOKEN, requireToken, allowedHosts }))
    .get('/api/x', (c) => c.json({ ok: true }))
    .post('/api/x', (c) => c.json({ posted: true }))
    .get('/', (c) => c.text('page'))
    .onError(errorResponse);
}

describe('access', () => {
  it('off localhost: API reads need the token, by header or by cookie', async () => {
    const a = app(true);
    const none = await a.request('http://h/api/x');
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('UNAUTHORIZED');
    expect((await a.request('http://h/api/x', { headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    );
    expect(
      (await a.request('http://h/api/x', { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    expect(
      (await a.request('http://h/api/x', { headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` } })).status,
    ).toBe(200);
    expect((await a.request('http://h/')).status).toBe(401);
  });

  it('opening the printed link sets an HttpOnly cookie and drops the token from the address', async () => {
    const res = await app(true).request(`http://h/?lang=en&token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?lang=en');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${TOKEN_COOKIE}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect((await app(true).request('http://h/?token=wrong')).status).toBe(401);
  });

  it('on localhost reads are open but writes need the bearer token (a cookie is not enough)', async () => {
    const a = app(false);
    expect((await a.request('http://h/api/x')).status).toBe(200);
    expect((await a.request('http://h/api/x', { method: 'POST' })).status).toBe(401);
    expect(
      (await a.request('http://h/api/x', { method: 'POST', headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` } }))
        .status,
    ).toBe(401);
    expect(
      (await a.request('http://h/api/x', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(200);
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    const a = app(false, ['localhost', '127.0.0.1', '[::1]']);
    expect((await a.request('http://127.0.0.1:8080/api/x')).status).toBe(200);
    expect((await a.request('http://localhost:8080/api/x')).status).toBe(200);
    expect((await a.request('http://[::1]:8080/api/x')).status).toBe(200);
    const evil = await a.request('http://evil.example:8080/api/x');
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.code).toBe('FORBIDDEN');
  });
});
