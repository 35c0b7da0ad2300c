import type { Warehouse } from '../warehouse/warehouse.js';

/**
 * Local dates of instants in the store zone, computed while inserting. The time zone conversion of
 * DuckDB (ICU) costs ~150 ns a value; within a period in which the zone's UTC offset does not change
 * (for Asia/Shanghai: since September 1991) the local date is plain arithmetic on the epoch, ~10×
 * cheaper. Outside that period, or for zones that change offset twice a year, ICU is used: the result
 * is the same either way (test/ingest/local-date.test.ts compares them).
 */

/** The zone's offset is `offsetUs` for every instant in [loUs, hiUs) (epoch microseconds). */
export interface FixedOffsetWindow {
  loUs: bigint;
  hiUs: bigint;
  offsetUs: bigint;
}

const windows = new Map<string, FixedOffsetWindow | null>();

const FROM = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";
const TO = "TIMESTAMPTZ '2100-01-01 00:00:00+00'";

function zoneLiteral(tz: string): string {
  return `'${tz.replaceAll("'", "''")}'`;
}

/** Offset in seconds of the zone at instant expression t (ICU). */
const offsetSql = (tz: string, t: string) => `epoch(timezone(${zoneLiteral(tz)}, ${t})) - epoch(${t})`;

/**
 * The constant-offset period of `tz` containing the current time, to the second, within 1970–2100
 * (null when it is shorter than a year: zones with daylight saving time keep using ICU).
 */
export async function fixedOffsetWindow(wh: Warehouse, tz: string): Promise<FixedOffsetWindow | null> {
  const cached = windows.get(tz);
  if (cached !== undefined) return cached;
  // Daily samples: the run of equal offsets that contains today.
  const [run] = await wh.query(
    `WITH s AS (SELECT t, ${offsetSql(tz, 't')} AS off FROM generate_series(${FROM}, ${TO}, INTERVAL 1 DAY) g(t)),
          r AS (SELECT t, off, sum(CASE WHEN off IS DISTINCT FROM prev THEN 1 ELSE 0 END) OVER (ORDER BY t) AS run
                FROM (SELECT t, off, lag(off) OVER (ORDER BY t) AS prev FROM s)),
          g AS (SELECT run, off, min(t) AS lo, max(t) AS hi FROM r GROUP BY run, off)
     SELECT CAST(epoch_us(lo) AS VARCHAR) AS lo, CAST(epoch_us(hi) AS VARCHAR) AS hi, CAST(off AS VARCHAR) AS off,
            lo = ${FROM} AS open_lo, hi = (SELECT max(t) FROM s) AS open_hi
     FROM g WHERE lo <= current_timestamp AND hi >= current_timestamp - INTERVAL 1 DAY`,
  );
  let win: FixedOffsetWindow | null = null;
  if (run) {
    const off = Number(run.off);
    // The exact transitions: the last second before lo (and the first after hi) with another offset.
    const boundary = async (fromUs: string, last: boolean): Promise<bigint> => {
      const [b] = await wh.query(
        `SELECT CAST(epoch_us(${last ? 'max' : 'min'}(t)) AS VARCHAR) AS t
         FROM generate_series(make_timestamptz(${fromUs}::BIGINT), make_timestamptz(${fromUs}::BIGINT) + INTERVAL 1 DAY, INTERVAL 1 SECOND) g(t)
         WHERE ${offsetSql(tz, 't')} <> ${off}`,
      );
      return BigInt(String(b.t));
    };
    const day = 86_400_000_000n;
    const loUs = run.open_lo
      ? BigInt(String(run.lo))
      : (await boundary(String(BigInt(String(run.lo)) - day), true)) + 1_000_000n;
    const hiUs = run.open_hi ? BigInt(String(run.hi)) : await boundary(String(run.hi), false);
    if (hiUs - loUs >= 366n * day) win = { loUs, hiUs, offsetUs: BigInt(off) * 1_000_000n };
  }
  windows.set(tz, win);
  return win;
}

/** SQL for the local date in `tz` of TIMESTAMPTZ expression `ts`; `icu` is the general form. */
export function localDateSql(ts: string, icu: string, win: FixedOffsetWindow | null): string {
  if (!win) return icu;
  const us = `epoch_us(${ts})`;
  return `CASE WHEN ${us} >= ${win.loUs} AND ${us} < ${win.hiUs} THEN CAST(make_timestamp(${us} + ${win.offsetUs}) AS DATE) ELSE ${icu} END`;
}
