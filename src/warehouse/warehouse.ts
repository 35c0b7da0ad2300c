import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  type DuckDBResultReader,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { FupanError } from '../errors.js';
import { duckdbDialect } from './dialect/duckdb/dialect.js';
import type { Dialect } from './dialect.js';
import { MIGRATIONS } from './migrations.js';

/** A JSON-friendly value: DECIMAL and BIGINT → number, DATE → 'YYYY-MM-DD', TIMESTAMP(TZ) → ISO string. */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;
export type Param = string | number | boolean | null | bigint;

export interface OpenOptions {
  /** Store time zone: the session time zone and the zone of derived local dates. */
  timeZone?: string;
  readOnly?: boolean;
  /**
   * Folders the engine may read or write besides the database's own folder. After opening, all
   * other file access and extension installs are refused (enable_external_access = false).
   */
  allowedDirs?: string[];
  threads?: number;
  /**
   * Memory limit of the engine, e.g. '500MB'. Beyond it, large aggregations, joins and sorts spill to
   * `<database>.tmp` beside the database file (so the process's peak memory stays bounded).
   */
  memoryLimit?: string;
  /**
   * false lets the engine reorder rows of results without ORDER BY (less memory for large reads).
   * Leave it on wherever rows are written: tables keep the order they were loaded in (zone maps).
   */
  preserveInsertionOrder?: boolean;
}

function toValue(v: DuckDBValue): Value {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBDecimalValue) return Number(v.value) / 10 ** v.scale;
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBTimestampTZValue || v instanceof DuckDBTimestampValue) {
    return new Date(Number(v.micros / 1000n)).toISOString();
  }
  return String(v);
}

function lockHolder(message: string): string | undefined {
  return /PID (\d+)/.exec(message)?.[1];
}

/**
 * The one owner of a database connection. Only this module imports the DuckDB driver.
 */
export class Warehouse {
  readonly dialect: Dialect = duckdbDialect;
  readonly path: string;
  readonly timeZone: string;
  readonly readOnly: boolean;
  /**
   * The schema version of the file (migrations.ts): the latest after a writable open, which migrates;
   * a read-only open of a file written by an older fupan keeps its version, and readers of columns
   * added since (orders.member_tier) take the older path.
   */
  schemaVersion = 0;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    path: string,
    timeZone: string,
    readOnly: boolean,
    private readonly ownsInstance = true,
  ) {
    this.path = path;
    this.timeZone = timeZone;
    this.readOnly = readOnly;
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Warehouse> {
    const timeZone = opts.timeZone ?? 'Asia/Shanghai';
    const memory = path === ':memory:';
    const full = memory ? path : resolve(path);
    if (!memory && !opts.readOnly) mkdirSync(dirname(full), { recursive: true });
    const settings: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      threads: String(opts.threads ?? 2),
    };
    if (opts.readOnly) settings.access_mode = 'READ_ONLY';
    if (opts.memoryLimit) {
      settings.memory_limit = opts.memoryLimit;
      if (!memory) settings.temp_directory = `${full}.tmp`;
    }
    if (opts.preserveInsertionOrder === false) settings.preserve_insertion_order = 'false';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(full, settings);
    } catch (e) {
      const msg = (e as Error).message;
      const pid = lockHolder(msg);
      if (pid || /lock/i.test(msg)) {
        throw new FupanError(
          'DB_IN_USE',
          `${full} is in use by PID ${pid ?? '?'} (DuckDB allows one writer process). ` +
            'Stop it, or send the work through the running `fupan serve`.',
          { pid: pid ? Number(pid) : undefined },
        );
      }
      throw new FupanError('DB_OPEN_FAILED', `cannot open ${full}: ${msg}`);
    }
    const conn = await instance.connect();
    const wh = new Warehouse(instance, conn, full, timeZone, Boolean(opts.readOnly));
    await wh.exec(`SET TimeZone = '${timeZone.replaceAll("'", "''")}'`);
    const dirs = [...(memory ? [] : [dirname(full)]), ...(opts.allowedDirs ?? [])].map(
      (d) => `'${resolve(d).replaceAll("'", "''")}/'`,
    );
    if (dirs.length > 0) await wh.exec(`SET allowed_directories = [${dirs.join(', ')}]`);
    await wh.exec('SET enable_external_access = false');
    if (!opts.readOnly) await wh.migrate();
    wh.schemaVersion = await wh.readSchemaVersion();
    return wh;
  }

  private async readSchemaVersion(): Promise<number> {
    const [t] = await this.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '_fupan_meta' AND table_schema = 'main'",
    );
    if (Number(t.n) === 0) return 0;
    const [row] = await this.query("SELECT value FROM _fupan_meta WHERE key = 'schema_version'");
    return Number(row?.value ?? 0);
  }

  /** Applies pending migrations; returns the versions applied. */
  async migrate(): Promise<number[]> {
    await this.exec('CREATE TABLE IF NOT EXISTS _fupan_meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
    const rows = await this.query("SELECT value FROM _fupan_meta WHERE key = 'schema_version'");
    const current = rows.length ? Number(rows[0].value) : 0;
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await this.transaction(async () => {
        for (const sql of m.statements(this.dialect)) await this.exec(sql);
        await this.run("INSERT OR REPLACE INTO _fupan_meta VALUES ('schema_version', $1)", [
          String(m.version),
        ]);
      });
      applied.push(m.version);
    }
    return applied;
  }

  private async read(sql: string, params?: Param[]): Promise<DuckDBResultReader> {
    try {
      return params && params.length > 0
        ? await this.conn.runAndReadAll(sql, params as never)
        : await this.conn.runAndReadAll(sql);
    } catch (e) {
      const err = new Error(`${(e as Error).message}\n-- SQL:\n${sql}`);
      (err as Error & { cause?: unknown }).cause = e;
      throw err;
    }
  }

  /** Runs a query with positional parameters ($1, $2, …) and returns plain rows. */
  async query(sql: string, params?: Param[]): Promise<Row[]> {
    const result = await this.read(sql, params);
    const names = result.columnNames();
    const out: Row[] = [];
    for (const raw of result.getRows()) {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) row[names[i]] = toValue(raw[i]);
      out.push(row);
    }
    return out;
  }

  /**
   * Runs a query whose columns are all numeric and returns each column as a Float64Array (NULL → NaN):
   * for results of many rows that JavaScript only computes with, without an object per row.
   */
  async queryColumns(sql: string, params?: Param[]): Promise<Record<string, Float64Array>> {
    const result = await this.read(sql, params);
    const names = result.columnNames();
    const columns = result.getColumns();
    const out: Record<string, Float64Array> = {};
    for (let i = 0; i < names.length; i++) {
      const values = columns[i] ?? []; // an empty result has no chunks, hence no columns
      const column = new Float64Array(values.length);
      for (let k = 0; k < values.length; k++) {
        const v = toValue(values[k]);
        column[k] = v === null ? Number.NaN : Number(v);
      }
      out[names[i]] = column;
    }
    return out;
  }

  /** Runs one statement with parameters; returns the number of changed rows where DuckDB reports it. */
  async run(sql: string, params?: Param[]): Promise<number> {
    const result = await this.read(sql, params);
    return Number(result.rowsChanged ?? 0);
  }

  /** Runs SQL text without parameters (may hold several statements). */
  async exec(sql: string): Promise<void> {
    try {
      await this.conn.run(sql);
    } catch (e) {
      const err = new Error(`${(e as Error).message}\n-- SQL:\n${sql}`);
      (err as Error & { cause?: unknown }).cause = e;
      throw err;
    }
  }

  private depth = 0;
  /** Settings to restore once the aborted transaction has rolled back (see withSetting). */
  private readonly pendingRestores: string[] = [];

  /** Restores the settings withSetting could not restore inside the transaction that just ended. */
  private async restorePending(): Promise<void> {
    for (const sql of this.pendingRestores.splice(0)) await this.exec(sql).catch(() => undefined);
  }

  /**
   * Runs fn with a setting of this connection changed (`SET name = value`), then restores it. Settings
   * are not transactional, and after a failed statement an open transaction refuses every statement
   * until it rolls back: the setting is then restored right after the rollback (transaction()).
   */
  async withSetting<T>(name: string, value: string | boolean, fn: () => Promise<T>): Promise<T> {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a setting name: ${name}`);
    const literal = (v: unknown) =>
      typeof v === 'boolean' ? String(v) : `'${String(v ?? '').replaceAll("'", "''")}'`;
    const [{ v }] = await this.query(`SELECT current_setting('${name}') AS v`);
    const restore = `SET ${name} = ${literal(v)}`;
    await this.exec(`SET ${name} = ${literal(value)}`);
    try {
      return await fn();
    } finally {
      await this.exec(restore).catch((e) => {
        if (this.depth === 0) throw e;
        this.pendingRestores.push(restore);
      });
    }
  }

  /** Runs fn in one transaction: all of it commits, or none of it. Nested calls join the outer one. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    await this.exec('BEGIN TRANSACTION');
    this.depth++;
    try {
      const result = await fn();
      this.depth--;
      await this.exec('COMMIT');
      await this.restorePending();
      return result;
    } catch (e) {
      this.depth--;
      await this.exec('ROLLBACK').catch(() => undefined);
      await this.restorePending();
      throw e;
    }
  }

  /**
   * Appends rows to a table through DuckDB's appender (fast bulk insert from JavaScript). Values are
   * in table column order; money as numbers or decimal strings, timestamps as ISO strings.
   */
  async appendRows(table: string, rows: Param[][]): Promise<void> {
    const appender = await this.conn.createAppender(table);
    try {
      for (const row of rows) {
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'boolean') appender.appendBoolean(v);
          else if (typeof v === 'bigint') appender.appendBigInt(v);
          else if (typeof v === 'number') appender.appendDouble(v);
          else appender.appendVarchar(v);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Another connection to the same database instance (same settings, same session time zone), for
   * running queries concurrently within this process. Closing a fork leaves the instance open.
   */
  async fork(): Promise<Warehouse> {
    const conn = await this.instance.connect();
    const wh = new Warehouse(this.instance, conn, this.path, this.timeZone, this.readOnly, false);
    wh.schemaVersion = this.schemaVersion;
    await wh.exec(`SET TimeZone = '${this.timeZone.replaceAll("'", "''")}'`);
    return wh;
  }

  close(): void {
    this.conn.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}
