import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Appointment } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Banner, Button, Card, Empty } from '../../ui/components';
import { formatDateTime, useAsync } from '../../ui/hooks';
import { useRouter } from '../../ui/router';
import { PageHeader } from '../../ui/shell';
import { canCancel, splitVisits } from './visits';

export function AppointmentsPage() {
  const { client, session } = useAuth();
  const { navigate } = useRouter();
  const pid = session.patient_id!;
  const visits = useAsync(() => client.patientAppointments(pid), [client, pid]);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string }>();
  const [busy, setBusy] = useState<number>();

  const cancel = async (a: Appointment) => {
    if (!window.confirm(`Cancel your visit on ${formatDateTime(a.startTime)} with ${a.providerName}?`)) return;
    setBusy(a.id);
    try {
      await client.setAppointmentStatus(a.id, 'cancelled');
      setNotice({ kind: 'success', text: 'Your visit was cancelled.' });
      visits.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        // Cancellation through the assistant, which checks the visit belongs to this patient.
        navigate(`/chat?prompt=${encodeURIComponent(`Please cancel my appointment on ${a.startTime.slice(0, 10)} at ${a.startTime.slice(11, 16)}`)}`);
        return;
      }
      setNotice({ kind: 'error', text: err instanceof Error ? err.message : 'Could not cancel' });
    } finally {
      setBusy(undefined);
    }
  };

  const row = (a: Appointment, actions: boolean) => (
    <li key={a.id}>
      <span>
        <strong>{formatDateTime(a.startTime)}</strong> · {a.providerName}
        <br />
        <small className="hint">{a.reason}</small>
      </span>
      <span className="page-actions">
        <Badge value={a.status} />
        {actions && canCancel(a) ? (
          <Button variant="secondary" busy={busy === a.id} onClick={() => void cancel(a)} aria-label={`Cancel visit on ${formatDateTime(a.startTime)}`}>
            Cancel
          </Button>
        ) : null}
      </span>
    </li>
  );

  return (
    <>
      <PageHeader
        title="My visits"
        intro="Book, move or cancel a visit here or by asking the assistant."
        actions={
          <>
            <Button onClick={() => navigate(`/chat?prompt=${encodeURIComponent('I need to book an appointment')}`)}>Book a visit</Button>
            <Button variant="secondary" onClick={() => navigate(`/chat?prompt=${encodeURIComponent('I need to reschedule my appointment')}`)}>
              Reschedule
            </Button>
          </>
        }
      />
      {notice ? <Banner kind={notice.kind}>{notice.text}</Banner> : null}
      <AsyncView state={visits}>
        {(all) => {
          const { upcoming, past } = splitVisits(all);
          return (
            <>
              <Card title="Coming up">
                {upcoming.length ? <ul className="list" data-testid="upcoming">{upcoming.map((a) => row(a, true))}</ul> : <Empty>Nothing scheduled right now.</Empty>}
              </Card>
              <Card title="Care history">
                {past.length ? <ul className="list">{past.map((a) => row(a, false))}</ul> : <Empty>No earlier visits.</Empty>}
              </Card>
            </>
          );
        }}
      </AsyncView>
    </>
  );
}
