import { useState, type FormEvent } from 'react';
import type { AuditFilter } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Button, Card, Empty, Field, Select, Table } from '../../ui/components';
import { useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

const empty: AuditFilter = { service: '', action: '', user: '', severity: '', outcome: '', since: '', until: '', limit: 100 };

export function AuditPage() {
  const { client } = useAuth();
  const [draft, setDraft] = useState<AuditFilter>(empty);
  const [filter, setFilter] = useState<AuditFilter>(empty);
  const audit = useAsync(() => client.audit(filter), [client, filter]);
  const set = (k: keyof AuditFilter) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ ...draft });
  };
  return (
    <>
      <PageHeader title="Audit log" intro="Every write and every read of patient data, newest first." />
      <Card title="Filters">
        <form onSubmit={apply} aria-label="Audit filters">
          <div className="form-row">
            <Field label="Service" value={draft.service} onChange={set('service')} placeholder="e.g. Orchestration Engine" />
            <Field label="Action" value={draft.action} onChange={set('action')} />
            <Field label="User" value={draft.user} onChange={set('user')} />
            <Select label="Severity" value={draft.severity} onChange={set('severity')} options={[{ value: '', label: 'Any' }, 'info', 'warning', 'error']} />
            <Select
              label="Outcome"
              value={draft.outcome}
              onChange={set('outcome')}
              options={[{ value: '', label: 'Any' }, 'success', 'not_found', 'invalid', 'conflict', 'denied']}
            />
            <Field label="Since" type="date" value={draft.since} onChange={set('since')} />
            <Field label="Until" type="date" value={draft.until} onChange={set('until')} />
          </div>
          <div className="page-actions">
            <Button type="submit">Apply filters</Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setDraft(empty);
                setFilter(empty);
              }}
            >
              Clear
            </Button>
          </div>
        </form>
      </Card>
      <Card>
        <AsyncView state={audit}>
          {(rows) =>
            rows.length === 0 ? (
              <Empty>No entries match these filters.</Empty>
            ) : (
              <Table caption="Audit entries" columns={['Severity', 'Time', 'Service', 'Action', 'User', 'Outcome', 'Details']} testId="audit-table">
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td><Badge value={a.severity} /></td>
                    <td>{a.timestamp}</td>
                    <td>{a.service}</td>
                    <td>{a.action}</td>
                    <td>{a.user}</td>
                    <td>{a.outcome ?? '—'}</td>
                    <td>{a.details}</td>
                  </tr>
                ))}
              </Table>
            )
          }
        </AsyncView>
      </Card>
    </>
  );
}
