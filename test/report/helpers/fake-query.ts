import type { MetricRow, QueryResult, QuerySpec } from '../../../src/metrics/types.js';

/**
 * A stand-in for the metric layer with made-up but deterministic values, for tests of the report's
 * assembly and rendering that should not depend on a database. Values are not meaningful.
 */
const DIM_VALUES: Record<string, string[]> = {
  channel: ['站内搜索', '直播', '短视频', '信息流广告', '私域社群'],
  category: ['美妆', '个护', '食品', '家居'],
  device: ['app', 'mobile_web', 'pc'],
  province: ['广东', '浙江', '江苏', '上海', '北京', '山东', '四川', '湖北', '河南', '福建', '湖南', '安徽'],
};

const BASE: Record<string, number> = {
  gmv: 1_234_567.8,
  orders: 6_543,
  buyers: 5_432,
  atv: 227.28,
  aov: 188.69,
  visitors: 98_765,
  conversion: 0.055,
  new_buyers: 2_100,
  returning_buyers: 3_332,
  new_buyer_gmv: 456_789.1,
  returning_buyer_gmv: 777_778.7,
};

function value(metric: string, i: number, factor: number): number | null {
  if (metric.endsWith('_target_completion')) return metric.startsWith('gmv') ? 0.962 : null;
  if (metric.endsWith('_target')) return metric.startsWith('gmv') ? 1_283_334.5 : null;
  const b = BASE[metric] ?? 100;
  const v = (b * factor) / (i + 1);
  return metric === 'conversion' ? Math.round(v * 10000) / 10000 : Math.round(v * 100) / 100;
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export async function fakeQuery(spec: QuerySpec): Promise<QueryResult> {
  const dim = spec.dimensions?.[0];
  const keys = dim === 'day' ? days(spec.period.from, spec.period.to) : dim ? DIM_VALUES[dim] : [undefined];
  const rows: MetricRow[] = keys.map((k, i) => {
    const row: MetricRow = dim ? { [dim]: k ?? null } : {};
    const scale = dim === 'day' ? 1 / 30 + ((i * 7) % 5) / 100 : 1;
    for (const m of spec.metrics) {
      const cur = value(m, dim === 'day' ? 0 : i, scale);
      row[m] = cur;
      for (const c of spec.compare ?? []) {
        const base =
          cur === null ? null : Math.round(cur * (c === 'mom' ? 0.9 + i * 0.03 : 1.05) * 100) / 100;
        row[`${m}_${c}_base`] = base;
        row[`${m}_${c}`] = cur === null || !base ? null : (cur - base) / base;
      }
    }
    return row;
  });
  return {
    rows,
    sql: [`-- fake SQL for ${spec.metrics.join(', ')}${dim ? ` by ${dim}` : ''}`],
    period: spec.period,
    comparisons: (spec.compare ?? []).map((c) => ({
      comparison: c,
      period:
        c === 'mom' ? { from: '2026-09-01', to: '2026-09-30' } : { from: '2025-10-01', to: '2025-10-31' },
    })),
  };
}
