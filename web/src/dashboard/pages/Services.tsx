import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Button, Card, Metric, Table } from '../../ui/components';
import { useAsync, usePolling } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

export function ServicesPage() {
  const { client } = useAuth();
  const health = useAsync(() => client.servicesHealth(), [client]);
  usePolling(health.reload, 15_000);
  return (
    <>
      <PageHeader title="Services" intro="Each role's health, probed by the gateway (refreshes every 15 s)." actions={<Button variant="secondary" onClick={health.reload}>Check now</Button>} />
      <AsyncView state={health} label="Probing services…">
        {(h) => {
          const rows = Object.entries(h.services).sort(([a], [b]) => a.localeCompare(b));
          const healthy = rows.filter(([, s]) => s.status === 'healthy').length;
          const avg = rows.length ? rows.reduce((s, [, x]) => s + x.latencyMs, 0) / rows.length : 0;
          return (
            <>
              <div className="metrics">
                <Metric label="Checked" value={rows.length} />
                <Metric label="Healthy" value={healthy} />
                <Metric label="Needs attention" value={rows.length - healthy} />
                <Metric label="Average check latency" value={`${avg.toFixed(0)} ms`} />
              </div>
              <Card>
                <Table caption="Service health" columns={['Service', 'Status', 'Latency']}>
                  <tr>
                    <td>gateway</td>
                    <td><Badge value={h.gateway} /></td>
                    <td>—</td>
                  </tr>
                  {rows.map(([name, s]) => (
                    <tr key={name}>
                      <td>{name}</td>
                      <td><Badge value={s.status} /></td>
                      <td>{s.latencyMs} ms</td>
                    </tr>
                  ))}
                </Table>
              </Card>
            </>
          );
        }}
      </AsyncView>
    </>
  );
}
