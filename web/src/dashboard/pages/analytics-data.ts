// Pure helpers turning a performance report into chart data (unit-tested in analytics-data.test.ts).
import type { PerformanceReport, Stats } from '../../api/types';
import type { BarDatum, Series } from '../../ui/charts';

export function sumCost(r: PerformanceReport): number {
  return Object.values(r.overall_metrics).reduce((s, m) => s + (m.total_cost_usd ?? 0), 0);
}

export function formatUsd(v: number): string {
  return `$${v.toFixed(v > 0 && v < 0.01 ? 4 : 2)}`;
}

export function volumeByType(r: PerformanceReport): BarDatum[] {
  return Object.entries(r.overall_metrics)
    .map(([label, m]) => ({ label, value: m.count }))
    .sort((a, b) => b.value - a.value);
}

export function trafficByService(r: PerformanceReport): BarDatum[] {
  return Object.entries(r.service_metrics)
    .map(([label, types]) => ({ label, value: Object.values(types).reduce((s, m) => s + m.count, 0) }))
    .sort((a, b) => b.value - a.value);
}

export function costByService(r: PerformanceReport): BarDatum[] {
  return Object.entries(r.service_metrics)
    .map(([label, types]) => ({ label, value: Object.values(types).reduce((s, m) => s + (m.total_cost_usd ?? 0), 0) }))
    .filter((d) => d.value > 0)
    .sort((a, b) => b.value - a.value);
}

export function latencyPercentiles(s: Stats): BarDatum[] {
  return [
    { label: 'p50', value: s.p50_latency_ms },
    { label: 'p95', value: s.p95_latency_ms },
    { label: 'p99', value: s.p99_latency_ms },
    { label: 'max', value: s.max_latency_ms },
  ];
}

export function stepLatency(r: PerformanceReport): BarDatum[] {
  return Object.entries(r.step_metrics).map(([label, m]) => ({ label, value: m.p95_latency_ms }));
}

export function seriesOf(r: PerformanceReport, name: string, pick: (s: Stats) => number): Series {
  return { name, points: r.series.map((p) => ({ t: p.t, v: pick(p) })) };
}
