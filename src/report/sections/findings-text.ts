import { type Finding, type RenderContext, rankFindings, renderFinding } from '../../findings/index.js';
import type { BuildContext } from '../context.js';
import { formatFigure } from '../format/figure.js';

/** The findings' wording in the report's language and number formats (points with 2 decimals). */
export function reportRenderContext(ctx: BuildContext): RenderContext {
  return {
    lang: ctx.lang,
    format: (x) =>
      formatFigure(
        {
          kind: x.kind === 'moneyDelta' ? 'money' : x.kind,
          value: x.value,
          // Points and small rates (conversion 0.85 %) with two decimals.
          decimals:
            x.kind === 'pp' || x.kind === 'number' || (x.kind === 'percent' && Math.abs(x.value ?? 1) < 0.1)
              ? 2
              : 1,
        },
        ctx.fmt,
      ),
    metricLabel: (m) => ctx.metricLabel(m),
    dimensionLabel: (d) =>
      d
        .split(' × ')
        .map((x) => ctx.dimensionLabel(x))
        .join(' × '),
  };
}

/** Findings, one sentence each: ranked by severity and size, or in the given order (a story). */
export function findingSentences(findings: Finding[], ctx: BuildContext, max = 8, ranked = true): string[] {
  const rc = reportRenderContext(ctx);
  return (ranked ? rankFindings(findings) : findings).slice(0, max).map((f) => renderFinding(f, rc));
}
