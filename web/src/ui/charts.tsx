// Small SVG charts (no chart library): a labelled bar chart and a multi-series line chart. Each renders a
// role="img" SVG with a title, plus the numbers as a visually hidden table for screen readers.
import { useId } from 'react';

export const chartColors = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2'];

export interface BarDatum {
  label: string;
  value: number;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : Number(v.toFixed(2)).toString());

export function BarChart({ title, data, unit = '', height }: { title: string; data: BarDatum[]; unit?: string; height?: number }) {
  const id = useId();
  const rowH = 28;
  const labelW = 130;
  const width = 440;
  const h = height ?? Math.max(40, data.length * rowH + 10);
  const max = Math.max(1e-9, ...data.map((d) => d.value));
  return (
    <figure className="chart" data-testid="chart">
      <figcaption id={id}>{title}</figcaption>
      {data.length === 0 ? (
        <p className="empty">No data in this window.</p>
      ) : (
        <svg role="img" aria-labelledby={id} viewBox={`0 0 ${width} ${h}`} width="100%" preserveAspectRatio="xMinYMin meet">
          <title>{title}</title>
          {data.map((d, i) => {
            const w = ((width - labelW - 64) * d.value) / max;
            const y = 5 + i * rowH;
            return (
              <g key={d.label} className="bar">
                <text x={labelW - 6} y={y + 16} textAnchor="end" className="chart-label">
                  {d.label.length > 18 ? `${d.label.slice(0, 17)}…` : d.label}
                </text>
                <rect x={labelW} y={y + 3} width={Math.max(1, w)} height={rowH - 8} rx={3} fill={chartColors[i % chartColors.length]} />
                <text x={labelW + Math.max(1, w) + 6} y={y + 16} className="chart-value">
                  {fmt(d.value)}
                  {unit}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <DataTable title={title} head={['Label', `Value${unit ? ` (${unit.trim()})` : ''}`]} rows={data.map((d) => [d.label, fmt(d.value)])} />
    </figure>
  );
}

export interface Series {
  name: string;
  points: Array<{ t: number; v: number }>; // t = epoch seconds
}

export function LineChart({ title, series, unit = '' }: { title: string; series: Series[]; unit?: string }) {
  const id = useId();
  const width = 440;
  const height = 200;
  const pad = { l: 48, r: 12, t: 10, b: 28 };
  const all = series.flatMap((s) => s.points);
  const hasData = all.some((p) => p.v > 0);
  const tMin = Math.min(...all.map((p) => p.t));
  const tMax = Math.max(...all.map((p) => p.t));
  const vMax = Math.max(1e-9, ...all.map((p) => p.v));
  const x = (t: number) => pad.l + ((width - pad.l - pad.r) * (t - tMin)) / Math.max(1, tMax - tMin);
  const y = (v: number) => height - pad.b - ((height - pad.t - pad.b) * v) / vMax;
  const time = (t: number) => new Date(t * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="chart" data-testid="chart">
      <figcaption id={id}>{title}</figcaption>
      {!hasData ? (
        <p className="empty">No data in this window.</p>
      ) : (
        <svg role="img" aria-labelledby={id} viewBox={`0 0 ${width} ${height}`} width="100%">
          <title>{title}</title>
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={pad.l} x2={width - pad.r} y1={y(vMax * f)} y2={y(vMax * f)} className="grid" />
              <text x={pad.l - 6} y={y(vMax * f) + 4} textAnchor="end" className="chart-label">
                {fmt(vMax * f)}
              </text>
            </g>
          ))}
          <text x={pad.l} y={height - 8} className="chart-label">
            {time(tMin)}
          </text>
          <text x={width - pad.r} y={height - 8} textAnchor="end" className="chart-label">
            {time(tMax)}
          </text>
          {series.map((s, i) => (
            <polyline
              key={s.name}
              fill="none"
              stroke={chartColors[i % chartColors.length]}
              strokeWidth={2}
              points={s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
            />
          ))}
        </svg>
      )}
      {series.length > 1 ? (
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: chartColors[i % chartColors.length] }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      <DataTable
        title={title}
        head={['Time', ...series.map((s) => `${s.name}${unit ? ` (${unit.trim()})` : ''}`)]}
        rows={(series[0]?.points ?? []).map((p, i) => [time(p.t), ...series.map((s) => fmt(s.points[i]?.v ?? 0))])}
      />
    </figure>
  );
}

function DataTable({ title, head, rows }: { title: string; head: string[]; rows: string[][] }) {
  return (
    <table className="visually-hidden">
      <caption>{title}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
