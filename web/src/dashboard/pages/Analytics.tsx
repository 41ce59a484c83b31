import { useState } from 'react';
import { useAuth } from '../../ui/auth';
import { AsyncView, Card, Metric, Select } from '../../ui/components';
import { BarChart, LineChart } from '../../ui/charts';
import { useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';
import { costByService, formatUsd, latencyPercentiles, seriesOf, stepLatency, sumCost, trafficByService, volumeByType } from './analytics-data';

const windows = [
  { value: '60', label: 'Last hour' },
  { value: '360', label: 'Last 6 hours' },
  { value: '1440', label: 'Last 24 hours' },
  { value: '10080', label: 'Last 7 days' },
];

export function AnalyticsPage() {
  const { client } = useAuth();
  const [minutes, setMinutes] = useState('1440');
  const m = Number(minutes);
  const bucket = Math.max(60, Math.round((m * 60) / 24));
  const summary = useAsync(() => client.analyticsSummary(), [client]);
  const perf = useAsync(() => client.performance({ window_minutes: m, bucket_seconds: bucket }), [client, m, bucket]);
  return (
    <>
      <PageHeader
        title="Analytics"
        intro="Records in the store and telemetry from every role: latency percentiles, volume, cost, cache hits and escalations."
        actions={<Select label="Time window" value={minutes} options={windows} onChange={(e) => setMinutes(e.target.value)} />}
      />
      <AsyncView state={summary} label="Loading record counts…">
        {(s) => (
          <div className="metrics" aria-label="Record counts">
            <Metric label="Conversations" value={s.conversations_total} />
            <Metric label="Organizations" value={s.tenants_count} />
            <Metric label="Patients" value={s.patients_count} />
            <Metric label="Appointments" value={s.appointments_count} />
            <Metric label="Knowledge articles" value={s.knowledge_articles_count} />
            <Metric label="Audit entries" value={s.audit_entries_count} />
          </div>
        )}
      </AsyncView>
      <AsyncView state={perf} label="Loading telemetry…">
        {(r) => (
          <>
            <div className="metrics" aria-label="Telemetry">
              <Metric label="Events" value={r.totals.count.toLocaleString()} />
              <Metric label="Average latency" value={`${Math.round(r.totals.avg_latency_ms)} ms`} />
              <Metric label="p95 latency" value={`${Math.round(r.totals.p95_latency_ms)} ms`} />
              <Metric label="Error rate" value={`${(r.totals.error_rate * 100).toFixed(1)}%`} />
              <Metric label="Estimated cost" value={formatUsd(sumCost(r))} />
              <Metric label="Cache hit rate" value={`${(r.totals.cache_hit_rate * 100).toFixed(0)}%`} />
              <Metric label="Escalations" value={r.totals.escalations} />
            </div>
            <div className="grid-2 grid-charts">
              <Card title="Latency">
                <BarChart title="Latency percentiles (all events)" data={latencyPercentiles(r.totals)} unit=" ms" />
                <BarChart title="p95 latency by pipeline step" data={stepLatency(r)} unit=" ms" />
              </Card>
              <Card title="Volume">
                <LineChart title="Events over time" series={[seriesOf(r, 'events', (s) => s.count), seriesOf(r, 'errors', (s) => s.error_count)]} />
                <BarChart title="Event volume by type" data={volumeByType(r)} />
              </Card>
              <Card title="Traffic and cost">
                <BarChart title="Traffic by service" data={trafficByService(r)} />
                <BarChart title="Estimated cost by service" data={costByService(r)} unit=" $" />
              </Card>
              <Card title="Cache and escalations">
                <LineChart title="Cache hit rate over time" series={[seriesOf(r, 'cache hit %', (s) => s.cache_hit_rate * 100)]} unit=" %" />
                <LineChart title="Escalations over time" series={[seriesOf(r, 'escalations', (s) => s.escalations)]} />
              </Card>
            </div>
          </>
        )}
      </AsyncView>
    </>
  );
}
