import type { FormatContext } from '../format/figure.js';
import { formatFigure } from '../format/figure.js';
import type { ChartSeries, ChartSpec } from '../model.js';
import { axisLabel } from './axis.js';
import { COLORS, FONT_STACK, HEAT, PALETTE } from './theme.js';

/** ECharts option objects are plain data; typed loosely here to keep the echarts types out of the model. */
export type EChartsOption = Record<string, unknown>;

const BASE = {
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: FONT_STACK, color: COLORS.text },
};

function title(text: string) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: COLORS.text } };
}

function legend(names: string[]) {
  return {
    data: names,
    right: 0,
    top: 0,
    itemWidth: 14,
    itemHeight: 10,
    textStyle: { color: COLORS.subtle },
  };
}

function seriesColor(s: ChartSeries): string {
  return s.muted ? COLORS.muted : COLORS.primary;
}

function valueAxis(unit: ChartSeries['unit'], fmt: FormatContext, extra: Record<string, unknown> = {}) {
  return {
    type: 'value',
    axisLabel: {
      color: COLORS.subtle,
      formatter: (v: number) => axisLabel(v, fmt.lang, unit, fmt.currency),
    },
    splitLine: { lineStyle: { color: COLORS.grid } },
    ...(unit === 'count' ? { minInterval: 1 } : {}),
    ...extra,
  };
}

function trendOption(spec: Extract<ChartSpec, { kind: 'trend' }>, fmt: FormatContext): EChartsOption {
  const units = [...new Set(spec.series.map((s) => s.unit))];
  return {
    ...BASE,
    title: title(spec.title),
    legend: legend(spec.series.map((s) => s.name)),
    grid: { left: 8, right: 8, top: 44, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: COLORS.subtle, interval: 'auto' },
      axisLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: units.map((u) => valueAxis(u, fmt)),
    series: spec.series.map((s) => ({
      name: s.name,
      type: s.type,
      yAxisIndex: Math.min(s.axis ?? units.indexOf(s.unit), units.length - 1),
      data: s.values,
      itemStyle: { color: seriesColor(s) },
      ...(s.type === 'line'
        ? {
            symbol: 'none',
            lineStyle: { width: 2, color: seriesColor(s), type: s.muted ? 'dashed' : 'solid' },
          }
        : { barMaxWidth: 18 }),
    })),
  };
}

function barOption(spec: Extract<ChartSpec, { kind: 'bar' }>, fmt: FormatContext): EChartsOption {
  const unit = spec.series[0]?.unit ?? 'money';
  const category = {
    type: 'category',
    data: spec.categories,
    inverse: Boolean(spec.horizontal),
    axisTick: { show: false },
    axisLabel: { color: COLORS.text },
    axisLine: { lineStyle: { color: COLORS.grid } },
  };
  const value = valueAxis(unit, fmt);
  return {
    ...BASE,
    title: title(spec.title),
    legend: legend(spec.series.map((s) => s.name)),
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? category : value,
    series: spec.series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      barMaxWidth: 14,
      barGap: '15%',
      itemStyle: { color: seriesColor(s) },
    })),
  };
}

function donutOption(spec: Extract<ChartSpec, { kind: 'donut' }>, fmt: FormatContext): EChartsOption {
  const total = spec.items.reduce((a, i) => a + i.value, 0);
  const share = (v: number) => formatFigure({ kind: 'percent', value: total === 0 ? null : v / total }, fmt);
  const amount = (v: number) =>
    formatFigure(
      { kind: spec.unit === 'money' ? 'money' : spec.unit === 'count' ? 'count' : 'percent', value: v },
      fmt,
    );
  return {
    ...BASE,
    color: PALETTE,
    title: title(spec.title),
    series: [
      {
        type: 'pie',
        radius: ['42%', '66%'],
        center: ['50%', '56%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
        label: {
          color: COLORS.text,
          formatter: (p: { name: string; value: number }) =>
            `${p.name}  ${amount(p.value)} · ${share(p.value)}`,
        },
        data: spec.items.map((i) => ({ name: i.name, value: i.value })),
      },
    ],
  };
}

function heatmapOption(spec: Extract<ChartSpec, { kind: 'heatmap' }>, fmt: FormatContext): EChartsOption {
  const values = spec.cells.map((c) => c[2]).filter((v): v is number => v !== null);
  const label = (v: number | null) =>
    formatFigure({ kind: spec.unit === 'money' ? 'money' : spec.unit, value: v, decimals: 0 }, fmt);
  const category = (data: string[], extra: Record<string, unknown> = {}) => ({
    type: 'category',
    data,
    splitArea: { show: false },
    axisTick: { show: false },
    axisLine: { show: false },
    axisLabel: { color: COLORS.subtle },
    ...extra,
  });
  return {
    ...BASE,
    title: title(spec.title),
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: category(spec.x, { position: 'top', offset: 0 }),
    yAxis: category(spec.y, { inverse: true }),
    visualMap: {
      show: false,
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      inRange: { color: HEAT },
    },
    series: [
      {
        type: 'heatmap',
        data: spec.cells.filter((c) => c[2] !== null),
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: true,
          fontSize: 10,
          color: COLORS.text,
          formatter: (p: { value: [number, number, number] }) => label(p.value[2]),
        },
      },
    ],
  };
}

/** The ECharts option for a chart of the report model. */
export function chartOption(spec: ChartSpec, fmt: FormatContext): EChartsOption {
  switch (spec.kind) {
    case 'trend':
      return trendOption(spec, fmt);
    case 'bar':
      return barOption(spec, fmt);
    case 'donut':
      return donutOption(spec, fmt);
    case 'heatmap':
      return heatmapOption(spec, fmt);
  }
}
