import type { SparkPoint } from '../api/types';

/** A small SVG line of a KPI's buckets; the exact values are in its title (tooltip) and text alternative. */
export function Sparkline({ points, label, format }: { points: SparkPoint[]; label: string; format: (v: number | null) => string }) {
  const values = points.map((p) => p.value);
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return <div className="sparkline empty" aria-hidden="true" />;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const width = 120;
  const height = 32;
  const x = (i: number) => (i / (points.length - 1)) * (width - 4) + 2;
  const y = (v: number) => (max === min ? height / 2 : height - 3 - ((v - min) / (max - min)) * (height - 6));
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const last = known[known.length - 1];
  const summary = `${label}: ${points.map((p) => `${p.period} ${format(p.value)}`).join('; ')}`;
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} preserveAspectRatio="none">
      <title>{summary}</title>
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.6" vectorEffect="non-scaling-stroke" />
      <circle cx={x(points.length - 1 - [...values].reverse().findIndex((v) => v !== null))} cy={y(last)} r="2.2" fill="currentColor" />
    </svg>
  );
}
