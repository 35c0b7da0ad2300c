/** Fonts, colours and sizes shared by every chart (and mirrored by the HTML stylesheet). */
export const FONT_STACK =
  "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif";

export const COLORS = {
  primary: '#2f5fd0',
  muted: '#b9c3d8',
  text: '#1f2937',
  subtle: '#6b7280',
  grid: '#e5e7eb',
} as const;

/** Categorical palette for donuts, readable in print. */
export const PALETTE = [
  '#2f5fd0',
  '#f08c2e',
  '#2a9d8f',
  '#d1495b',
  '#8e6cc4',
  '#6c8ea4',
  '#e9c46a',
  '#7a9e3b',
];

export const CHART_WIDTH = 720;
export const TREND_HEIGHT = 300;
export const DONUT_HEIGHT = 280;
/** Horizontal bar charts grow with their categories. */
export function barHeight(categories: number): number {
  return Math.max(160, 70 + categories * 34);
}

/** Heatmaps grow with their rows. */
export function heatmapHeight(rows: number): number {
  return Math.max(180, 90 + rows * 26);
}

/** Sequential scale for heatmaps, light to the primary colour. */
export const HEAT = ['#f3f6fc', '#c9d6f3', '#8fa9e6'];
