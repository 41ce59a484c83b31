import { useState, type FormEvent } from 'react';
import type { Plan, Tenant, TenantStatus } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Banner, Button, Card, Dialog, Field, Select, Table } from '../../ui/components';
import { useAction, useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

const plans: Plan[] = ['starter', 'professional', 'enterprise'];
const statuses: TenantStatus[] = ['active', 'pending', 'suspended'];

function TenantForm({ initial, onSubmit, submitLabel }: { initial?: Tenant; onSubmit: (t: { name: string; plan: Plan; status: TenantStatus }) => Promise<void>; submitLabel: string }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [plan, setPlan] = useState<Plan>(initial?.plan ?? 'starter');
  const [status, setStatus] = useState<TenantStatus>(initial?.status ?? 'active');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => onSubmit({ name: name.trim(), plan, status }), 'Could not save');
  };
  return (
    <form onSubmit={submit}>
      {error ? <Banner kind="error">{error}</Banner> : null}
      <Field label="Organization name" required value={name} onChange={(e) => setName(e.target.value)} />
      <Select label="Plan" value={plan} options={plans} onChange={(e) => setPlan(e.target.value as Plan)} />
      <Select label="Status" value={status} options={statuses} onChange={(e) => setStatus(e.target.value as TenantStatus)} />
      <Button type="submit" busy={busy} disabled={!name.trim()}>
        {submitLabel}
      </Button>
    </form>
  );
}

export function TenantsPage() {
  const { client, session } = useAuth();
  const tenants = useAsync(() => client.tenants(), [client]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Tenant | null>(null);
  const [notice, setNotice] = useState<string>();
  const canCreate = session.role === 'platform_admin';
  return (
    <>
      <PageHeader
        title="Organizations"
        intro="Tenants of this deployment: plan, status and API keys."
        actions={canCreate ? <Button onClick={() => setAdding(true)}>Add organization</Button> : null}
      />
      {notice ? <Banner kind="success">{notice}</Banner> : null}
      <Card>
        <AsyncView state={tenants}>
          {(rows) => (
            <Table caption="Organizations" columns={['Organization', 'Plan', 'Status', 'API keys', 'Created', { label: 'Actions', hidden: true }]}>
              {rows.map((t) => (
                <tr key={t.id}>
                  <td>
                    <strong>{t.name}</strong>
                    <br />
                    <small className="hint">{t.id}</small>
                  </td>
                  <td>{t.plan}</td>
                  <td><Badge value={t.status} /></td>
                  <td>{t.apiKeys}</td>
                  <td>{t.created}</td>
                  <td>
                    <Button variant="secondary" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                      Edit
                    </Button>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </AsyncView>
      </Card>
      {adding ? (
        <Dialog title="Add organization" onClose={() => setAdding(false)}>
          <TenantForm
            submitLabel="Create organization"
            onSubmit={async (t) => {
              const created = await client.createTenant(t);
              setAdding(false);
              setNotice(`Created ${created.name} (${created.id}).`);
              tenants.reload();
            }}
          />
        </Dialog>
      ) : null}
      {editing ? (
        <Dialog title={`Edit ${editing.name}`} onClose={() => setEditing(null)}>
          <TenantForm
            initial={editing}
            submitLabel="Save changes"
            onSubmit={async (t) => {
              await client.updateTenant(editing.id, t);
              setEditing(null);
              setNotice(`Saved ${t.name}.`);
              tenants.reload();
            }}
          />
        </Dialog>
      ) : null}
    </>
  );
}
