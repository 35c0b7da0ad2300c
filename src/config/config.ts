import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FupanError } from '../errors.js';
import { type CalendarConfig, DEFAULT_CALENDAR, resolveCalendar } from './calendar.js';

/** Store settings. Every period boundary (day, week, month) is taken in `timeZone`. */
export interface FupanConfig {
  /** DuckDB file, relative to the config file's folder. */
  database: string;
  /** IANA zone of the store, e.g. Asia/Shanghai. */
  timeZone: string;
  /** ISO 4217 reporting currency. */
  currency: string;
  /** 1 = Monday … 7 = Sunday. */
  weekStart: 1 | 7;
  /** Report language when none is given. */
  language: 'zh' | 'en';
  /** Thresholds used by analyses (customer tiers, anomalies, …). */
  thresholds: {
    highValueMonthlySpend: number;
    mediumValueMonthlySpend: number;
    dormantDays: number;
    churnedDays: number;
  };
  /** Festivals, holidays, brand days and campaigns: left out of anomaly baselines and labelled (calendar.ts). */
  calendar: CalendarConfig;
  /** Access token for `fupan serve` on non-local addresses; generated on first such start. */
  serverToken?: string;
}

export const DEFAULT_CONFIG: FupanConfig = {
  database: 'fupan.duckdb',
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  weekStart: 1,
  language: 'zh',
  thresholds: {
    highValueMonthlySpend: 300,
    mediumValueMonthlySpend: 100,
    dormantDays: 90,
    churnedDays: 180,
  },
  calendar: DEFAULT_CALENDAR,
};

export const CONFIG_FILE = 'fupan.config.json';

/** A loaded config plus where it came from (paths in it resolve against `dir`). */
export interface LoadedConfig {
  config: FupanConfig;
  dir: string;
  path?: string;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Merges a partial user config over the defaults and checks every field. */
export function resolveConfig(user: unknown, source = 'config'): FupanConfig {
  if (user === null || typeof user !== 'object' || Array.isArray(user)) {
    throw new FupanError('CONFIG_INVALID', `${source}: expected a JSON object`);
  }
  const u = user as Partial<FupanConfig> & Record<string, unknown>;
  const known = new Set([...Object.keys(DEFAULT_CONFIG), 'serverToken', '$comment', '_comments']);
  for (const key of Object.keys(u)) {
    if (!known.has(key)) throw new FupanError('CONFIG_INVALID', `${source}: unknown setting "${key}"`);
  }
  const config: FupanConfig = {
    ...DEFAULT_CONFIG,
    ...u,
    thresholds: { ...DEFAULT_CONFIG.thresholds, ...(u.thresholds ?? {}) },
    calendar: resolveCalendar(u.calendar, source),
  };
  delete (config as unknown as Record<string, unknown>).$comment;
  delete (config as unknown as Record<string, unknown>)._comments;
  if (!validTimeZone(config.timeZone)) {
    throw new FupanError('CONFIG_INVALID', `${source}: unknown time zone "${config.timeZone}"`);
  }
  if (!/^[A-Z]{3}$/.test(config.currency)) {
    throw new FupanError('CONFIG_INVALID', `${source}: currency must be an ISO code like CNY`);
  }
  if (config.weekStart !== 1 && config.weekStart !== 7) {
    throw new FupanError('CONFIG_INVALID', `${source}: weekStart must be 1 (Monday) or 7 (Sunday)`);
  }
  if (config.language !== 'zh' && config.language !== 'en') {
    throw new FupanError('CONFIG_INVALID', `${source}: language must be "zh" or "en"`);
  }
  for (const [k, v] of Object.entries(config.thresholds)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new FupanError('CONFIG_INVALID', `${source}: thresholds.${k} must be a non-negative number`);
    }
  }
  return config;
}

/** Loads `fupan.config.json` from `dir` (or the given file); defaults when there is none. */
export function loadConfig(opts: { dir?: string; file?: string } = {}): LoadedConfig {
  const path = opts.file ? resolve(opts.file) : resolve(opts.dir ?? process.cwd(), CONFIG_FILE);
  const dir = dirname(path);
  if (!existsSync(path)) {
    if (opts.file) throw new FupanError('CONFIG_INVALID', `config file not found: ${opts.file}`);
    return { config: { ...DEFAULT_CONFIG }, dir };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FupanError('CONFIG_INVALID', `${path}: not valid JSON (${(e as Error).message})`);
  }
  return { config: resolveConfig(raw, path), dir, path };
}

/** The default config with a comment per setting (JSON has no comments: `_comments` carries them). */
export function defaultConfigText(): string {
  const commented = {
    _comments: {
      database: 'DuckDB file, relative to this file',
      timeZone: 'IANA time zone of the store; days, weeks and months are cut in this zone',
      currency: 'reporting currency (ISO 4217)',
      weekStart: '1 = weeks start on Monday, 7 = on Sunday',
      language: 'default report language: zh or en',
      thresholds:
        'customer tiers: high value spends >= highValueMonthlySpend a month, medium >= mediumValueMonthlySpend; ' +
        'dormant after dormantDays without a purchase, churned after churnedDays',
      calendar:
        'days expected to be unusual, left out of anomaly baselines and labelled: chinaDefaults = 3.8, 618, 双11, 双12, ' +
        '年货节 and 春节; events = more days, e.g. {"name": "超级品牌日", "kind": "brand_day", "from": "2026-07-15", ' +
        '"to": "2026-07-17"} (kind festival, holiday, brand_day or campaign; MM-DD every year or YYYY-MM-DD once); ' +
        'campaignsFromData = marketing_spend campaign ids running at most maxCampaignDays days',
    },
    ...DEFAULT_CONFIG,
  };
  return `${JSON.stringify(commented, null, 2)}\n`;
}

export function writeDefaultConfig(dir: string, force = false): string {
  const path = resolve(dir, CONFIG_FILE);
  if (existsSync(path) && !force) {
    throw new FupanError('USAGE', `${path} exists; use --force to overwrite`);
  }
  writeFileSync(path, defaultConfigText());
  return path;
}

export function databasePath(loaded: LoadedConfig, override?: string): string {
  return resolve(override ? process.cwd() : loaded.dir, override ?? loaded.config.database);
}
