import { useEffect, useRef } from 'preact/hooks';
import { type ChartOption, init } from './echarts.js';

type ChartInstance = ReturnType<typeof init>;

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

  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(String((p as { name?: unknown }).name ?? '')));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={label} />;
}
