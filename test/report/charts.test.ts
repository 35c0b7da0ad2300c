import { describe, expect, it } from 'vitest';
import { axisLabel } from '../../src/report/charts/axis.js';
import { normalizeSvg, renderChartSvg } from '../../src/report/charts/svg.js';
import type { ChartSpec } from '../../src/report/model.js';

const zh = { lang: 'zh' as const, currency: 'CNY' };
const trend: ChartSpec = {
  kind: 'trend',
  title: '每日 GMV',
  categories: ['1日', '2日', '3日'],
  series: [
    { name: '10月', type: 'bar', unit: 'money', values: [120000, 0, 98000] },
    { name: '9月', type: 'line', unit: 'money', muted: true, values: [100000, 50000, null] },
  ],
};

describe('charts', () => {
  it('axis labels are short: 万/亿 in Chinese, K/M in English', () => {
    expect(axisLabel(500000, 'zh', 'money', 'CNY')).toBe('¥50万');
    expect(axisLabel(120000000, 'zh', 'count', 'CNY')).toBe('1.2亿');
    expect(axisLabel(2500, 'en', 'money', 'USD')).toBe('$2.5K');
    expect(axisLabel(0.125, 'en', 'percent', 'CNY')).toBe('12.5%');
  });

  it('renders the same SVG every time, with per-chart ids and no hover stylesheet', () => {
    const a = renderChartSvg(trend, zh, 'c1');
    const b = renderChartSvg(trend, zh, 'c1'); // zrender's global counters have moved on by now
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg width="720" height="300"[^>]*>\n<title>每日 GMV<\/title>/);
    expect(a).not.toMatch(/zr\d+-|<style|ecmeta_|<script|href="http/);
    expect(a).toContain('clip-path="url(#c1-0)"');
    expect(a).toContain("font-family:'Noto Sans CJK SC'");
    expect(a).toContain('>¥10万<');
  });

  it('normalizes ids in order of appearance', () => {
    const svg =
      '<svg><g clip-path="url(#zr7-c3)"></g><style >x</style>\n<clipPath id="zr7-c3"></clipPath><path id="zr7-c9" class="zr7-cls-2"/></svg>';
    expect(normalizeSvg(svg, 'k')).toBe(
      '<svg><g clip-path="url(#k-0)"></g><clipPath id="k-0"></clipPath><path id="k-1"/></svg>',
    );
  });
});
