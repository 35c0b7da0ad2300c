/**
 * The one user-facing error type. `code` is stable (scripts and HTTP mapping rely on it);
 * `message` says what went wrong and what to do. Bugs stay plain `Error`.
 */
export type FupanErrorCode =
  | 'CONFIG_INVALID'
  | 'DB_IN_USE'
  | 'DB_OPEN_FAILED'
  | 'INGEST_BAD_ROW'
  | 'INGEST_BAD_FILE'
  | 'INGEST_MISSING_COLUMNS'
  | 'INGEST_UNKNOWN_TABLE'
  | 'QUERY_INVALID'
  | 'NO_DATA'
  | 'USAGE';

export interface FupanErrorDetails {
  file?: string;
  line?: number;
  column?: string;
  value?: string;
  [key: string]: unknown;
}

export class FupanError extends Error {
  readonly code: FupanErrorCode;
  readonly details: FupanErrorDetails;

  constructor(code: FupanErrorCode, message: string, details: FupanErrorDetails = {}) {
    super(message);
    this.name = 'FupanError';
    this.code = code;
    this.details = details;
  }
}

export function isFupanError(e: unknown): e is FupanError {
  return e instanceof FupanError;
}
