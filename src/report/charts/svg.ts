// Only what the report's four chart kinds use (see `chartOption`), not the whole of ECharts: that is
// ~600 modules, which took longer to load than to render every chart of a report. The chart and
// component modules register themselves; these paths are in the package's exports, the grouped
// entry points (`echarts/charts`, `echarts/components`) would load every chart and component.
import 'echarts/lib/chart/line';
import 'echarts/lib/chart/bar';
import 'echarts/lib/chart/pie';
import 'echarts/lib/chart/heatmap';
import 'echarts/lib/component/grid';
import 'echarts/lib/component/title';
import 'echarts/lib/component/legend';
import 'echarts/lib/component/visualMapContinuous';
import * as echarts from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import type { FormatContext } from '../format/figure.js';
import type { ChartSpec } from '../model.js';
import { chartOption } from './option.js';
import { barHeight, CHART_WIDTH, DONUT_HEIGHT, heatmapHeight, TREND_HEIGHT } from './theme.js';

// `grid.containLabel` needs the legacy layout in ECharts 6.
echarts.use([SVGRenderer, LegacyGridContainLabel]);

function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function chartSize(spec: ChartSpec): { width: number; height: number } {
  if (spec.kind === 'trend') return { width: CHART_WIDTH, height: TREND_HEIGHT };
  if (spec.kind === 'donut') return { width: CHART_WIDTH, height: DONUT_HEIGHT };
  if (spec.kind === 'heatmap') return { width: CHART_WIDTH, height: heatmapHeight(spec.y.length) };
  return { width: CHART_WIDTH, height: spec.horizontal ? barHeight(spec.categories.length) : TREND_HEIGHT };
}

/**
 * ECharts' server-side SVG, made stable and embeddable: zrender numbers ids and classes with
 * process-wide counters, so they are renamed per chart (`idPrefix`); the hover-only stylesheet and
 * the interaction metadata are dropped (a report is static).
 */
export function normalizeSvg(svg: string, idPrefix: string): string {
  const ids = new Map<string, string>();
  const rename = (id: string) => {
    let n = ids.get(id);
    if (!n) {
      n = `${idPrefix}-${ids.size}`;
      ids.set(id, n);
    }
    return n;
  };
  return svg
    .replace(/<style\s*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/zr\d+-c\d+/g, (m) => rename(m))
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Renders a chart to a self-contained SVG string (no animation, fixed size, no external refs). */
export function renderChartSvg(spec: ChartSpec, fmt: FormatContext, idPrefix: string): string {
  const { width, height } = chartSize(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(spec, fmt) as echarts.EChartsCoreOption);
    const svg = normalizeSvg(chart.renderToSVGString(), idPrefix);
    // An accessible name for screen readers (and the tooltip of the whole chart).
    return svg.replace(/^<svg[^>]*>/, (open) => `${open}\n<title>${escapeXml(spec.title)}</title>`);
  } finally {
    chart.dispose();
  }
}
