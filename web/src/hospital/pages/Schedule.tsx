import { useState } from 'react';
import { useAuth } from '../../ui/auth';
import { AsyncView, Card, Field, Select } from '../../ui/components';
import { todayIso, useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';
import { canManageVisits } from '../roles';
import { usePatientMap, VisitTable } from './visits';

export function SchedulePage() {
  const { client, session } = useAuth();
  const [from, setFrom] = useState(todayIso());
  const [to, setTo] = useState(todayIso(new Date(Date.now() + 7 * 86400_000)));
  const [provider, setProvider] = useState('');
  const doctors = useAsync(() => client.staff('doctor'), [client]);
  const patients = useAsync(() => client.patients(), [client]);
  const visits = useAsync(
    () => client.appointments({ date_from: from || undefined, date_to: to || undefined, provider_name: provider || undefined }),
    [client, from, to, provider],
  );
  const patientMap = usePatientMap(patients.data);
  return (
    <>
      <PageHeader title="Schedule" intro="Visits in a date range, by clinician." />
      <Card>
        <div className="form-row">
          <Field label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <Field label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          <Select
            label="Clinician"
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
            options={[{ value: '', label: 'All clinicians' }, ...(doctors.data ?? []).map((d) => ({ value: d.fullName, label: d.fullName }))]}
          />
        </div>
      </Card>
      <Card>
        <AsyncView state={visits}>
          {(rows) => (
            <VisitTable
              rows={[...rows].sort((a, b) => a.startTime.localeCompare(b.startTime))}
              patients={patientMap}
              canAct={canManageVisits(session.role)}
              onChanged={visits.reload}
              showDate
              label="Scheduled visits"
            />
          )}
        </AsyncView>
      </Card>
    </>
  );
}
