import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FupanErrorCode, isFupanError } from '../errors.js';

/** The body of every error response: a stable code and a message that says what to do. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

const STATUS_OF_CODE: Record<FupanErrorCode, ContentfulStatusCode> = {
  QUERY_INVALID: 400,
  USAGE: 400,
  INGEST_BAD_ROW: 422,
  INGEST_BAD_FILE: 422,
  INGEST_MISSING_COLUMNS: 422,
  INGEST_UNKNOWN_TABLE: 422,
  NO_DATA: 404,
  DB_IN_USE: 503,
  DB_OPEN_FAILED: 503,
  CONFIG_INVALID: 500,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Thrown by routes and middleware for HTTP-level refusals; mapped to JSON by `errorResponse`. */
export function httpError(status: ContentfulStatusCode, message: string): HTTPException {
  return new HTTPException(status, { message });
}

/**
 * The one place where errors become HTTP responses. FupanErrors keep their code and message;
 * HTTPExceptions keep their status; anything else is a bug: logged on the server, answered with a
 * generic 500 that never carries a stack trace, SQL or a file path.
 */
export function errorResponse(err: unknown, c: Context): Response {
  let status: ContentfulStatusCode;
  let body: ApiErrorBody;
  if (isFupanError(err)) {
    status = STATUS_OF_CODE[err.code] ?? 500;
    body = { error: { code: err.code, message: err.message } };
  } else if (err instanceof HTTPException) {
    status = err.status as ContentfulStatusCode;
    body = {
      error: { code: CODE_OF_STATUS[status] ?? 'HTTP_ERROR', message: err.message || 'request refused' },
    };
  } else {
    status = 500;
    body = { error: { code: 'INTERNAL', message: 'internal error; the server log has the details' } };
    process.stderr.write(
      `fupan serve: ${c.req.method} ${c.req.path}: ${(err as Error)?.stack ?? String(err)}\n`,
    );
  }
  return c.json(body, status, { 'Cache-Control': 'no-store' });
}
