import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { tokensEqual } from '../../access-token.js';
import { httpError } from '../../error-response.js';

export const TOKEN_COOKIE = 'fupan_token';

export interface AccessOptions {
  /** The secret. Writes (POST …) always need it as `Authorization: Bearer`. */
  token: string;
  /** Reads need it too (the server listens beyond localhost): bearer header or the cookie. */
  requireToken: boolean;
  /**
   * Host names a request may address (loopback binding): refuses DNS-rebinding pages that reach a
   * local server under a foreign name. Undefined = any host.
   */
  allowedHosts?: string[];
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Who may talk to the server. Opening any page with `?token=…` (the link `fupan serve` prints)
 * sets an HttpOnly SameSite=Strict cookie and redirects to the same address without the token.
 */
export function access(opts: AccessOptions): MiddlewareHandler {
  const hosts = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => h.toLowerCase())) : undefined;
  return async (c, next) => {
    // The request URL's host is the Host header (the Node adapter builds the URL from it).
    const url = new URL(c.req.url);
    if (hosts && !hosts.has(url.hostname)) {
      throw httpError(403, 'this server only answers requests addressed to localhost');
    }
    const isApi = c.req.path === '/api' || c.req.path.startsWith('/api/');
    const fromQuery = url.searchParams.get('token');
    if (!isApi && fromQuery !== null && c.req.method === 'GET') {
      if (!tokensEqual(fromQuery, opts.token)) throw httpError(401, 'wrong access token');
      setCookie(c, TOKEN_COOKIE, opts.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: url.protocol === 'https:',
      });
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    const viaHeader = tokensEqual(bearer(c.req.header('authorization')), opts.token);
    if (!safe) {
      if (!viaHeader) throw httpError(401, 'send the access token as "Authorization: Bearer <token>"');
    } else if (opts.requireToken && !viaHeader && !tokensEqual(getCookie(c, TOKEN_COOKIE), opts.token)) {
      throw httpError(
        401,
        'access token required: open the link printed by `fupan serve` or send "Authorization: Bearer <token>"',
      );
    }
    await next();
  };
}
