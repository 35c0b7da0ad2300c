import {
  type Breakdown,
  type BreakdownItem,
  breakdown,
  breakdownSpec,
  topN,
} from '../../analyses/breakdown/index.js';
import type { MetricRow } from '../../metrics/types.js';
import type { BuildContext } from '../context.js';
import { derivedFigure, fieldFigure, num, text } from '../figures.js';
import { formatDate, formatMonthShort } from '../format/date.js';
import type { Block, ChartSpec, Figure, Section } from '../model.js';
import { shiftMonth } from '../period.js';

/** The breakdowns of GMV the report shows, in order, and how many groups each table lists. */
export const BREAKDOWNS: Array<{ dimension: string; top?: number; chart: 'bar' | 'donut' }> = [
  { dimension: 'channel', chart: 'bar' },
  { dimension: 'category', chart: 'bar' },
  { dimension: 'device', chart: 'donut' },
  { dimension: 'province', top: 10, chart: 'bar' },
];

const CUSTOMER_METRICS = ['new_buyer_gmv', 'returning_buyer_gmv', 'new_buyers', 'returning_buyers'];

export interface StructureData {
  customerType: { query: string; row: MetricRow };
  breakdowns: Array<{ query: string; data: Breakdown; top?: number; chart: 'bar' | 'donut' }>;
}

export async function loadStructure(ctx: BuildContext): Promise<StructureData> {
  const ct = await ctx.q.run({ metrics: CUSTOMER_METRICS, period: ctx.period, compare: ['mom', 'yoy'] });
  const breakdowns: StructureData['breakdowns'] = [];
  for (const b of BREAKDOWNS) {
    const { id, result } = await ctx.q.run(breakdownSpec(b.dimension, 'gmv', ctx.period));
    breakdowns.push({
      query: id,
      data: breakdown(result.rows, b.dimension, 'gmv'),
      top: b.top,
      chart: b.chart,
    });
  }
  return { customerType: { query: ct.id, row: ct.result.rows[0] ?? {} }, breakdowns };
}

/** Share of one customer type's GMV (of new + returning) this month and last month. */
export function customerShare(
  row: MetricRow,
  metric: 'new_buyer_gmv' | 'returning_buyer_gmv',
): { share: number | null; base: number | null } {
  const other = metric === 'new_buyer_gmv' ? 'returning_buyer_gmv' : 'new_buyer_gmv';
  const ratio = (a: number | null, b: number | null) =>
    a === null || b === null || a + b === 0 ? null : a / (a + b);
  return {
    share: ratio(num(row[metric]), num(row[other])),
    base: ratio(num(row[`${metric}_mom_base`]), num(row[`${other}_mom_base`])),
  };
}

function customerTypeBlocks(data: StructureData['customerType'], ctx: BuildContext): Block[] {
  const { row, query } = data;
  const q = query;
  const shareOf = (m: 'new_buyer_gmv' | 'returning_buyer_gmv') => {
    const { share, base } = customerShare(row, m);
    return [
      derivedFigure('percent', share, q, m, `${m} ÷ (new_buyer_gmv + returning_buyer_gmv)`),
      derivedFigure(
        'pp',
        share === null || base === null ? null : share - base,
        q,
        `${m}_mom_base`,
        'share − share of the _mom_base values',
      ),
    ];
  };
  const line = (label: string, gmv: 'new_buyer_gmv' | 'returning_buyer_gmv', buyers: string): Figure[] => [
    text(label),
    fieldFigure('money', row, gmv, q),
    ...shareOf(gmv),
    fieldFigure('change', row, `${gmv}_mom`, q),
    fieldFigure('change', row, `${gmv}_yoy`, q),
    fieldFigure('count', row, buyers, q),
    fieldFigure('change', row, `${buyers}_mom`, q),
  ];
  const c = ctx.msg.col;
  const chart: ChartSpec = {
    kind: 'donut',
    title: ctx.msg.customerTypeTitle,
    unit: 'money',
    items: [
      { name: ctx.msg.newBuyers, value: num(row.new_buyer_gmv) ?? 0 },
      { name: ctx.msg.returningBuyers, value: num(row.returning_buyer_gmv) ?? 0 },
    ],
  };
  return [
    { type: 'heading', text: ctx.msg.customerTypeTitle },
    {
      type: 'table',
      columns: [
        { label: ctx.dimensionLabel('customer_type') },
        { label: 'GMV', align: 'right' },
        { label: c.share, align: 'right' },
        { label: c.shareChangeMom, align: 'right' },
        { label: c.valueMom, align: 'right' },
        { label: c.valueYoy, align: 'right' },
        { label: c.buyers, align: 'right' },
        { label: c.buyersMom, align: 'right' },
      ],
      rows: [
        line(ctx.msg.newBuyers, 'new_buyer_gmv', 'new_buyers'),
        line(ctx.msg.returningBuyers, 'returning_buyer_gmv', 'returning_buyers'),
      ],
      trace: [q],
    },
    { type: 'chart', chart, trace: [q] },
  ];
}

function itemRow(item: BreakdownItem, label: string, dim: string, query: string, folded: boolean): Figure[] {
  const row = { [dim]: item.key };
  const opts = folded ? {} : { row };
  const how = (what: string) => (folded ? `sum over the folded rows: ${what}` : undefined);
  const f = (kind: Figure['kind'], value: number | null, field: string, derived?: string): Figure =>
    derived
      ? derivedFigure(kind, value, query, field, derived, opts)
      : { kind, value, source: { query, field, row } };
  return [
    text(label),
    f('money', item.value, 'gmv', how('gmv')),
    derivedFigure('percent', item.share, query, 'gmv', 'gmv ÷ Σ gmv over the rows', opts),
    derivedFigure(
      'pp',
      item.shareChangeMom,
      query,
      'gmv_mom_base',
      'share − (gmv_mom_base ÷ Σ gmv_mom_base)',
      opts,
    ),
    f('change', item.mom, 'gmv_mom', how('(Σ gmv − Σ gmv_mom_base) ÷ Σ gmv_mom_base')),
    f('change', item.yoy, 'gmv_yoy', how('(Σ gmv − Σ gmv_yoy_base) ÷ Σ gmv_yoy_base')),
  ];
}

function breakdownBlocks(b: StructureData['breakdowns'][number], ctx: BuildContext): Block[] {
  const dim = b.data.dimension;
  const what = ctx.dimensionLabel(dim);
  const label = (k: string | null) => (k === null || k === '' ? ctx.msg.unknownValue : k);
  const { top, rest } = topN(b.data, b.top ?? Number.POSITIVE_INFINITY);
  const rows = top.map((i) => itemRow(i, label(i.key), dim, b.query, false));
  if (rest) rows.push(itemRow(rest, ctx.msg.others({ count: rest.count, what }), dim, b.query, true));
  const c = ctx.msg.col;
  const chart: ChartSpec =
    b.chart === 'donut'
      ? {
          kind: 'donut',
          title: ctx.msg.gmvShareTitle({ what }),
          unit: 'money',
          items: b.data.items.map((i) => ({ name: label(i.key), value: i.value })),
        }
      : {
          kind: 'bar',
          horizontal: true,
          title: ctx.msg.gmvShareTitle({ what }),
          categories: top.map((i) => label(i.key)),
          series: [
            {
              name: formatMonthShort(ctx.month, ctx.lang),
              type: 'bar',
              unit: 'money',
              values: top.map((i) => i.value),
            },
            {
              name: formatMonthShort(shiftMonth(ctx.month, -1), ctx.lang),
              type: 'bar',
              unit: 'money',
              muted: true,
              values: top.map((i) => i.momBase),
            },
          ],
        };
  return [
    { type: 'heading', text: b.top ? ctx.msg.topN({ n: b.top, what }) : ctx.msg.breakdownTitle({ what }) },
    {
      type: 'table',
      columns: [
        { label: what },
        { label: 'GMV', align: 'right' },
        { label: c.share, align: 'right' },
        { label: c.shareChangeMom, align: 'right' },
        { label: c.valueMom, align: 'right' },
        { label: c.valueYoy, align: 'right' },
      ],
      rows,
      trace: [b.query],
    },
    { type: 'chart', chart, trace: [b.query] },
  ];
}

/** New vs returning needs purchase history; below this much before the month, the report says so. */
export const NEW_BUYER_LOOKBACK_MONTHS = 12;

/**
 * `historyFrom`: the first day with paid orders in the database. Buyers whose earlier purchases are
 * not in the data look new (DESIGN §4), so a short history gets a note.
 */
export function structureSection(data: StructureData, ctx: BuildContext, historyFrom?: string): Section {
  const blocks: Block[] = [...customerTypeBlocks(data.customerType, ctx)];
  const lookback = `${shiftMonth(ctx.month, -NEW_BUYER_LOOKBACK_MONTHS)}-01`;
  if (historyFrom && historyFrom > lookback) {
    blocks.push({
      type: 'note',
      text: ctx.msg.shortHistory({
        from: formatDate(historyFrom, ctx.lang),
        months: NEW_BUYER_LOOKBACK_MONTHS,
      }),
    });
  }
  for (const b of data.breakdowns) blocks.push(...breakdownBlocks(b, ctx));
  blocks.push({ type: 'note', text: ctx.msg.shareNote });
  return { id: 'structure', title: ctx.msg.section.structure, blocks };
}
