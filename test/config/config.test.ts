import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  databasePath,
  loadConfig,
  resolveConfig,
  writeDefaultConfig,
} from '../../src/config/config.js';
import { tempDir } from '../helpers/tmp.js';

describe('config', () => {
  const dir = tempDir();

  it('defaults to Asia/Shanghai, CNY, Monday weeks and the operators’ tier thresholds', () => {
    const { config } = loadConfig({ dir });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.thresholds).toEqual({
      highValueMonthlySpend: 300,
      mediumValueMonthlySpend: 100,
      dormantDays: 90,
      churnedDays: 180,
    });
  });

  it('writes a commented default that loads back to the defaults, and refuses to overwrite', () => {
    const path = writeDefaultConfig(dir);
    expect(JSON.parse(readFileSync(path, 'utf8'))._comments.timeZone).toMatch(/time zone/);
    expect(loadConfig({ dir }).config).toEqual(DEFAULT_CONFIG);
    expect(() => writeDefaultConfig(dir)).toThrow(/exists/);
  });

  it('merges partial thresholds and resolves the database next to the config file', () => {
    const file = join(dir, 'custom.json');
    writeFileSync(file, JSON.stringify({ database: 'data/shop.duckdb', thresholds: { dormantDays: 60 } }));
    const loaded = loadConfig({ file });
    expect(loaded.config.thresholds.dormantDays).toBe(60);
    expect(loaded.config.thresholds.churnedDays).toBe(180);
    expect(databasePath(loaded)).toBe(join(dir, 'data/shop.duckdb'));
    expect(databasePath(loaded, 'x.duckdb')).toBe(join(process.cwd(), 'x.duckdb'));
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /unknown time zone/],
    [{ currency: 'yuan' }, /currency/],
    [{ weekStart: 3 }, /weekStart/],
    [{ thresholds: { dormantDays: -1 } }, /dormantDays/],
    [{ tmezone: 'UTC' }, /unknown setting "tmezone"/],
    [[1, 2], /JSON object/],
  ])('rejects %j', (input, message) => {
    expect(() => resolveConfig(input)).toThrow(message);
  });

  it('names the file when it is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "timeZone": ');
    expect(() => loadConfig({ file })).toThrow(/broken\.json: not valid JSON/);
  });
});
