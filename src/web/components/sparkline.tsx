/** A tiny inline-SVG line of a series (nulls are skipped), for KPI cards. */
export function Sparkline(props: { values: Array<number | null>; label: string }) {
  const pts = props.values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (pts.length < 2) return <svg class="sparkline" viewBox="0 0 100 24" aria-hidden="true" />;
  const ys = pts.map((p) => p[1]);
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  const n = props.values.length - 1 || 1;
  const d = pts
    .map(([i, v], k) => {
      const x = (i / n) * 100;
      const y = max === min ? 12 : 22 - ((v - min) / (max - min)) * 20;
      return `${k === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
  return (
    <svg
      class="sparkline"
      viewBox="0 0 100 24"
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
    </svg>
  );
}
