import type { BuildContext } from '../context.js';
import type { QueryTrace, Section } from '../model.js';

/** Metrics whose definitions the appendix lists (every metric the report shows). */
export const DEFINED_METRICS = [
  'gmv',
  'orders',
  'buyers',
  'atv',
  'aov',
  'visitors',
  'conversion',
  'new_buyers',
  'returning_buyers',
  'new_buyer_gmv',
  'returning_buyer_gmv',
];

/** 附录: metric definitions from the registry, a pointer to docs/metrics.md, and every query run. */
export function appendixSection(queries: QueryTrace[], ctx: BuildContext): Section {
  const items = DEFINED_METRICS.flatMap((name) => {
    const def = ctx.metric(name);
    if (!def) return [];
    const formula = def.formula ? ` (${def.formula})` : '';
    return [
      { term: `${def.label[ctx.lang]} · ${name}`, definition: `${def.description[ctx.lang]}${formula}` },
    ];
  });
  return {
    id: 'appendix',
    title: ctx.msg.section.appendix,
    blocks: [
      { type: 'heading', text: ctx.msg.appendix.definitions },
      { type: 'definitions', items },
      { type: 'note', text: ctx.msg.appendix.definitionsLink },
      { type: 'heading', text: ctx.msg.appendix.queries },
      { type: 'queries', queries },
    ],
  };
}
