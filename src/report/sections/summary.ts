import type { BreakdownItem } from '../../analyses/breakdown/index.js';
import type { BuildContext } from '../context.js';
import { num } from '../figures.js';
import { formatMonth } from '../format/date.js';
import { formatFigure } from '../format/figure.js';
import type { Figure, Section } from '../model.js';
import { changeFigure, type OverviewData } from './overview.js';
import { customerShare, type StructureData } from './structure.js';

/** A channel must hold at least this share of GMV to be named the fastest-growing one. */
export const MIN_SHARE_FOR_GROWTH = 0.05;

/** The channel with the largest MoM growth among those with a material share, if any grew. */
export function fastestGrowing(items: BreakdownItem[]): BreakdownItem | undefined {
  let best: BreakdownItem | undefined;
  for (const i of items) {
    if (!i.key || i.mom === null || i.mom <= 0 || (i.share ?? 0) < MIN_SHARE_FOR_GROWTH) continue;
    if (!best || i.mom > (best.mom ?? 0)) best = i;
  }
  return best;
}

/**
 * The opening paragraph: headline GMV with its changes and target, orders/buyers/basket, traffic
 * and conversion, new buyers' share and the channels. Wording from the catalogue, numbers from the
 * sections' query results; clauses without data are left out.
 */
export function summarySection(overview: OverviewData, structure: StructureData, ctx: BuildContext): Section {
  const row = overview.row;
  const q = overview.query;
  const f = (fig: Figure) => formatFigure(fig, ctx.fmt);
  const opt = (fig: Figure) => (fig.value === null ? undefined : f(fig));
  const s = ctx.msg.summary;
  const parts: string[] = [];
  const completion = num(overview.targets.gmv_target_completion);
  parts.push(
    s.gmv({
      month: formatMonth(ctx.month, ctx.lang),
      gmv: f({ kind: 'money', value: num(row.gmv) }),
      mom: opt(changeFigure(ctx, row, 'gmv', 'mom', q)),
      yoy: opt(changeFigure(ctx, row, 'gmv', 'yoy', q)),
      completion: completion === null ? undefined : f({ kind: 'percent', value: completion }),
    }),
  );
  // Chinese reviews lead with 客单价 (GMV ÷ buyers), English ones with AOV (GMV ÷ orders): DESIGN §4.
  const basket = ctx.lang === 'zh' ? 'atv' : 'aov';
  parts.push(
    s.orders({
      orders: f({ kind: 'count', value: num(row.orders) }),
      buyers: f({ kind: 'count', value: num(row.buyers) }),
      basketLabel: ctx.metricLabel(basket),
      basket: f({ kind: 'money', value: num(row[basket]) }),
      basketMom: opt(changeFigure(ctx, row, basket, 'mom', q)),
    }),
  );
  if ((num(row.visitors) ?? 0) > 0) {
    parts.push(
      s.conversion({
        visitors: f({ kind: 'count', value: num(row.visitors) }),
        conversion: f({ kind: 'percent', value: num(row.conversion), decimals: 2 }),
        conversionMom: opt(changeFigure(ctx, row, 'conversion', 'mom', q)),
      }),
    );
  }
  const nb = customerShare(structure.customerType.row, 'new_buyer_gmv');
  if (nb.share !== null) {
    parts.push(
      s.newBuyers({
        share: f({ kind: 'percent', value: nb.share }),
        shareChange: nb.base === null ? undefined : f({ kind: 'pp', value: nb.share - nb.base }),
      }),
    );
  }
  const channels = structure.breakdowns.find((b) => b.data.dimension === 'channel');
  const top = channels?.data.items.find((i) => Boolean(i.key));
  if (channels && top) {
    const fastest = fastestGrowing(channels.data.items);
    parts.push(
      s.channels({
        top: top.key ?? '',
        share: f({ kind: 'percent', value: top.share }),
        topChange: top.mom === null ? undefined : f({ kind: 'change', value: top.mom }),
        ...(fastest && fastest !== top
          ? { fastest: fastest.key ?? undefined, change: f({ kind: 'change', value: fastest.mom }) }
          : {}),
      }),
    );
  }
  const trace = [
    q,
    overview.targetsQuery,
    structure.customerType.query,
    ...(channels ? [channels.query] : []),
  ];
  return {
    id: 'summary',
    title: ctx.msg.section.summary,
    blocks: [{ type: 'paragraph', text: parts.join(ctx.lang === 'zh' ? '' : ' '), trace }],
  };
}
