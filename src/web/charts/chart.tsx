import { useEffect, useRef } from 'preact/hooks';
import type { ChartOption } from './echarts.js';

type ECharts = typeof import('./echarts.js');
type ChartInstance = ReturnType<ECharts['init']>;

/** ECharts is a chunk of its own, loaded when the first chart is drawn (the page shows before it). */
let echarts: Promise<ECharts> | undefined;
export const loadECharts = (): Promise<ECharts> => {
  echarts ??= import('./echarts.js');
  return echarts;
};

export interface ChartProps {
  option: ChartOption;
  height: number;
  label: string;
  /** Called with the category (x-axis value) of a clicked bar or point. */
  onClick?: (name: string) => void;
}

/** One ECharts chart; follows its container's width (phones included). */
export function Chart({ option, height, label, onClick }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let alive = true;
    let ro: ResizeObserver | undefined;
    loadECharts().then(({ init }) => {
      if (!alive || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'canvas' });
      chart.current = c;
      c.on('click', (p) => click.current?.(String((p as { name?: unknown }).name ?? '')));
      c.setOption(latest.current, { notMerge: true });
      ro = new ResizeObserver(() => c.resize());
      ro.observe(el.current);
    });
    return () => {
      alive = false;
      ro?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={label} />;
}
