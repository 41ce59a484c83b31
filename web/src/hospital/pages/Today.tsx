import { useAuth } from '../../ui/auth';
import { AsyncView, Card, Metric } from '../../ui/components';
import { todayIso, useAsync, usePolling } from '../../ui/hooks';
import { Link } from '../../ui/router';
import { PageHeader } from '../../ui/shell';
import { canManageVisits } from '../roles';
import { TaskQueue } from './Tasks';
import { sortQueue, usePatientMap, VisitTable } from './visits';

export function TodayPage() {
  const { client, session } = useAuth();
  const role = session.role;
  const today = todayIso();
  const visits = useAsync(() => client.appointments({ date_from: today, date_to: today }), [client, today]);
  const patients = useAsync(() => client.patients(), [client]);
  const staff = useAsync(() => client.staff(), [client]);
  usePolling(visits.reload, 30_000);
  const me = staff.data?.find((s) => s.id === session.staff_id);
  const patientMap = usePatientMap(patients.data);
  const mine = role === 'doctor' && me ? (visits.data ?? []).filter((a) => a.providerName === me.fullName) : visits.data ?? [];
  const count = (s: string) => mine.filter((a) => a.status === s).length;
  const first = me?.fullName.split(' ')[0] ?? session.email.split('@')[0];
  return (
    <>
      <PageHeader
        title={`Good day, ${first}`}
        intro={
          role === 'doctor'
            ? 'Your visits today.'
            : role === 'nurse'
              ? 'Escalations first, then today’s visits.'
              : role === 'scheduler'
                ? 'Today’s visits. Open Availability to book.'
                : 'Today’s visits across the clinic.'
        }
      />
      <div className="metrics" aria-label="Today">
        <Metric label="Waiting" value={count('confirmed')} />
        <Metric label="Checked in" value={count('checked_in')} />
        <Metric label="In room" value={count('in_room')} />
        <Metric label="Finished today" value={count('completed')} />
      </div>
      {role === 'nurse' || role === 'tenant_admin' ? (
        <Card title="Escalations" actions={<Link to="/tasks">All tasks</Link>}>
          <TaskQueue compact />
        </Card>
      ) : null}
      <Card title={role === 'doctor' ? 'My schedule' : 'Today’s schedule'}>
        <AsyncView state={visits} label="Loading today’s visits…">
          {() => <VisitTable rows={sortQueue(mine)} patients={patientMap} canAct={canManageVisits(role)} onChanged={visits.reload} label="Today’s visits" />}
        </AsyncView>
      </Card>
      {role === 'tenant_admin' ? (
        <Card title="Team" actions={<Link to="/staff">Staff list</Link>}>
          <p>{staff.data ? `${staff.data.length} active staff members.` : 'Loading…'}</p>
        </Card>
      ) : null}
    </>
  );
}
