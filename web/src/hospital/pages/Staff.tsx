import { useState } from 'react';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Card, Select, Table } from '../../ui/components';
import { useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';

export function StaffPage() {
  const { client } = useAuth();
  const [role, setRole] = useState('');
  const staff = useAsync(() => client.staff(role || undefined), [client, role]);
  return (
    <>
      <PageHeader
        title="Staff"
        intro="Active staff of your organization."
        actions={
          <Select label="Role" value={role} onChange={(e) => setRole(e.target.value)} options={[{ value: '', label: 'All roles' }, 'reception', 'nurse', 'doctor', 'scheduler', 'admin']} />
        }
      />
      <Card>
        <AsyncView state={staff}>
          {(rows) => (
            <Table caption="Staff" columns={['Name', 'Role', 'Email']} testId="staff-table">
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.fullName}</td>
                  <td><Badge value={s.role} tone="info" /></td>
                  <td>{s.email || '—'}</td>
                </tr>
              ))}
            </Table>
          )}
        </AsyncView>
      </Card>
    </>
  );
}
