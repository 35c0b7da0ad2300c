import { expect } from 'vitest';
import { query } from '../../../src/metrics/index.js';
import type { MetricRow, QuerySpec } from '../../../src/metrics/types.js';
import type { Figure, KpiCard, Report, Section } from '../../../src/report/model.js';
import type { Warehouse } from '../../../src/warehouse/warehouse.js';

export function section(r: Report, id: string): Section {
  const s = r.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

export function cards(r: Report): Record<string, KpiCard> {
  const b = section(r, 'overview').blocks.find((x) => x.type === 'kpis');
  if (b?.type !== 'kpis') throw new Error('no kpis');
  return Object.fromEntries(b.cards.map((c) => [c.metric, c]));
}

/** Every figure of the report (KPI cards and table cells). */
export function figures(r: Report): Figure[] {
  const out: Figure[] = [];
  for (const s of r.sections) {
    for (const b of s.blocks) {
      if (b.type === 'kpis') {
        for (const c of b.cards) {
          out.push(...[c.value, c.mom, c.yoy, c.target, c.completion].filter((f) => f !== undefined));
        }
      }
      if (b.type === 'table') out.push(...b.rows.flat());
    }
  }
  return out;
}

/** The rows of the first table after the heading `headingText` in a section. */
export function tableRows(r: Report, sectionId: string, headingText: string): Figure[][] {
  const blocks = section(r, sectionId).blocks;
  const i = blocks.findIndex((b) => b.type === 'heading' && b.text === headingText);
  const t = blocks.slice(i + 1).find((b) => b.type === 'table');
  if (i < 0 || t?.type !== 'table') throw new Error(`no table after ${headingText}`);
  return t.rows;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The value a derived figure must have, recomputed from the query's rows; undefined = not checkable here. */
function expectedDerived(
  f: Figure,
  rows: MetricRow[],
  row: MetricRow | undefined,
): number | null | undefined {
  const src = f.source!;
  const derived = src.derived!;
  const sum = (field: string) => rows.reduce((a, x) => a + Number(x[field] ?? 0), 0);
  const kpiPp = /^(\w+) − (\w+)_(mom|yoy)_base$/.exec(derived);
  if (kpiPp) {
    const base = num(row?.[`${kpiPp[1]}_${kpiPp[3]}_base`]);
    const cur = num(row?.[kpiPp[1]]);
    return base === null || cur === null ? null : cur - base;
  }
  const customerShare = (suffix: string, m: string) =>
    Number(row?.[`${m}${suffix}`]) /
    (Number(row?.[`new_buyer_gmv${suffix}`]) + Number(row?.[`returning_buyer_gmv${suffix}`]));
  if (derived.endsWith('÷ (new_buyer_gmv + returning_buyer_gmv)')) return customerShare('', src.field);
  if (derived === 'share − share of the _mom_base values') {
    const m = src.field.replace('_mom_base', '');
    return customerShare('', m) - customerShare('_mom_base', m);
  }
  // The folded "others" row has no row key; its values are asserted by hand in the tests.
  if (derived.startsWith('sum over the folded rows')) return undefined;
  if (derived === 'gmv ÷ Σ gmv over the rows') return src.row ? Number(row?.gmv) / sum('gmv') : undefined;
  if (derived === 'share − (gmv_mom_base ÷ Σ gmv_mom_base)') {
    return src.row
      ? Number(row?.gmv) / sum('gmv') - Number(row?.gmv_mom_base) / sum('gmv_mom_base')
      : undefined;
  }
  if (derived.startsWith('value of the day')) {
    if (f.value === null) return undefined; // the 31st has no same day in a 30-day month
    return row ? Number(row[src.field]) : 0;
  }
  throw new Error(`no check for derived figure "${derived}"`);
}

/**
 * Checks every figure of a report against `query()` run again for the spec it names: a direct
 * figure must equal its field; a derived one (share, point change, day value) must equal the same
 * arithmetic over the query's fields. Returns how many figures were checked each way.
 */
export async function verifyFigures(wh: Warehouse, r: Report): Promise<{ direct: number; derived: number }> {
  const specs = new Map(r.queries.flatMap((q) => ('metrics' in q.spec ? [[q.id, q.spec] as const] : [])));
  const cache = new Map<string, Promise<MetricRow[]>>();
  const rowsOf = (spec: QuerySpec) => {
    const key = JSON.stringify(spec);
    if (!cache.has(key))
      cache.set(
        key,
        query(wh, spec).then((res) => res.rows),
      );
    return cache.get(key)!;
  };
  const n = { direct: 0, derived: 0 };
  for (const f of figures(r)) {
    const src = f.source;
    if (!src) continue;
    const spec = specs.get(src.query);
    expect(spec, `query ${src.query} is in the appendix`).toBeDefined();
    const rows = await rowsOf(spec!);
    const key = src.row;
    const row = key ? rows.find((x) => Object.entries(key).every(([d, v]) => x[d] === v)) : rows[0];
    const what = JSON.stringify(src);
    if (!src.derived) {
      expect(row, what).toBeDefined();
      expect(f.value, what).toBe(num(row![src.field]));
      n.direct++;
      continue;
    }
    const expected = expectedDerived(f, rows, row);
    if (expected === undefined) continue;
    if (expected === null || !Number.isFinite(expected)) expect(f.value, what).toBeNull();
    else expect(f.value as number, what).toBeCloseTo(expected, 12);
    n.derived++;
  }
  return n;
}
