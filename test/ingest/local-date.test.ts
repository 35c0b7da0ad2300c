import { describe, expect, it } from 'vitest';
import { fixedOffsetWindow, localDateSql } from '../../src/ingest/local-date.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

describe('local dates computed while inserting', () => {
  it('equal the ICU conversion, around the window edges and across 1900–2100', async () => {
    const wh = await Warehouse.open(':memory:');
    const zones = [
      'Asia/Shanghai',
      'UTC',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'America/New_York',
      'Europe/Berlin',
    ];
    for (const tz of zones) {
      const win = await fixedOffsetWindow(wh, tz);
      if (tz === 'Asia/Shanghai') {
        // +08:00 since the end of daylight saving time on 1991-09-15 01:00 local time
        expect(win && new Date(Number(win.loUs / 1000n)).toISOString()).toBe('1991-09-14T17:00:00.000Z');
        expect(win?.offsetUs).toBe(8n * 3_600_000_000n);
      }
      if (tz === 'America/New_York') expect(win).toBeNull();
      const edges = win
        ? [win.loUs, win.hiUs].flatMap((e) =>
            [-86_400_000_000n, -1_000_000n, -1n, 0n, 1n, 86_400_000_000n].map((d) => e + d),
          )
        : [];
      const instants = `SELECT make_timestamptz(us) AS t FROM (
          SELECT unnest([${edges.length ? edges.join(', ') : '0'}]::BIGINT[]) AS us
          UNION ALL SELECT NULL
          UNION ALL SELECT CAST(-2208988800000000 + random() * 6311433600000000 AS BIGINT) FROM range(20000)
          UNION ALL SELECT CAST(1577836800000000 + random() * 315360000000000 AS BIGINT) FROM range(20000))`;
      const icu = wh.dialect.localDate('t', tz);
      const [r] = await wh.query(
        `SELECT count(*) AS n, count(*) FILTER (WHERE ${localDateSql('t', icu, win)} IS DISTINCT FROM ${icu}) AS bad
         FROM (${instants})`,
      );
      expect({ tz, bad: Number(r.bad) }).toEqual({ tz, bad: 0 });
      expect(Number(r.n)).toBeGreaterThan(40_000);
    }
    wh.close();
  });
});
