import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/helpers/tmp.js';
import { staticAssets } from './index.js';

describe('staticAssets', () => {
  const root = tempDir('fupan-static-');
  const web = join(root, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>fupan</title>');
  writeFileSync(join(web, 'assets', 'app-ABCDEFGH12.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  const app = new Hono().use(staticAssets(web));

  it('serves / as index.html (no-cache) and hashed assets as immutable', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>fupan</title>');
    const js = await app.request('/assets/app-ABCDEFGH12.js');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('compresses for clients that accept it and answers 304 to a matching ETag', async () => {
    const br = await app.request('/', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const etag = br.headers.get('etag') ?? '';
    const again = await app.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('never reaches files outside the folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/secret.txt']) {
      expect((await app.request(p)).status, p).toBe(404);
    }
  });
});
