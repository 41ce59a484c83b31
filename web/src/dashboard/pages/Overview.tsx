import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Button, Card, Empty, Metric } from '../../ui/components';
import { useAsync, usePolling } from '../../ui/hooks';
import { Link } from '../../ui/router';
import { PageHeader } from '../../ui/shell';
import { formatUsd, sumCost } from './analytics-data';

export function OverviewPage() {
  const { client, session } = useAuth();
  const health = useAsync(() => client.servicesHealth(), [client]);
  const tenants = useAsync(() => client.tenants(), [client]);
  const audit = useAsync(() => client.audit({ limit: 6 }), [client]);
  const perf = useAsync(() => client.performance({ window_minutes: 1440 }), [client]);
  usePolling(() => {
    health.reload();
    audit.reload();
  }, 30_000);

  const services = Object.entries(health.data?.services ?? {});
  const issues = services.filter(([, s]) => s.status !== 'healthy');
  return (
    <>
      <PageHeader
        title="Platform overview"
        intro={session.role === 'platform_admin' ? 'Every organization on this deployment.' : 'Your organization at a glance.'}
        actions={
          <Button
            variant="secondary"
            onClick={() => {
              health.reload();
              tenants.reload();
              audit.reload();
              perf.reload();
            }}
          >
            Refresh
          </Button>
        }
      />
      <div className="metrics">
        <Metric label="Service checks" value={health.data ? `${services.length - issues.length}/${services.length}` : '…'} hint="healthy" />
        <Metric
          label="Active organizations"
          value={tenants.data ? tenants.data.filter((t) => t.status === 'active').length : '…'}
          hint={tenants.data ? `of ${tenants.data.length}` : undefined}
        />
        <Metric label="Telemetry events (24 h)" value={perf.data ? perf.data.totals.count.toLocaleString() : '…'} />
        <Metric label="Estimated LLM cost (24 h)" value={perf.data ? formatUsd(sumCost(perf.data)) : '…'} />
      </div>
      <div className="grid-2">
        <Card title="Needs attention" actions={<Link to="/services">All services</Link>}>
          <AsyncView state={health}>
            {() =>
              issues.length === 0 ? (
                <Empty>All services are healthy.</Empty>
              ) : (
                <ul className="list">
                  {issues.map(([name, s]) => (
                    <li key={name}>
                      {name} <Badge value={s.status} />
                    </li>
                  ))}
                </ul>
              )
            }
          </AsyncView>
        </Card>
        <Card title="Recent activity" actions={<Link to="/audit">Audit log</Link>}>
          <AsyncView state={audit}>
            {(rows) =>
              rows.length === 0 ? (
                <Empty>No recorded activity.</Empty>
              ) : (
                <ul className="list">
                  {rows.map((a) => (
                    <li key={a.id}>
                      <span>
                        <strong>{a.action}</strong> · {a.service}
                        <br />
                        <small className="hint">{a.timestamp}</small>
                      </span>
                      <Badge value={a.severity} />
                    </li>
                  ))}
                </ul>
              )
            }
          </AsyncView>
        </Card>
      </div>
    </>
  );
}
