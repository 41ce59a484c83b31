import { useAuth } from '../../ui/auth';
import { AsyncView, Card, Empty, Metric } from '../../ui/components';
import { formatDateTime, useAsync } from '../../ui/hooks';
import { Link } from '../../ui/router';
import { PageHeader } from '../../ui/shell';
import { splitVisits } from './visits';

export function HomePage() {
  const { client, session } = useAuth();
  const pid = session.patient_id!;
  const me = useAsync(() => client.patient(pid), [client, pid]);
  const visits = useAsync(() => client.patientAppointments(pid), [client, pid]);
  const first = me.data?.fullName.split(' ')[0];
  const { upcoming, past } = splitVisits(visits.data ?? []);
  const next = upcoming[0];
  return (
    <>
      <PageHeader title={first ? `Hello, ${first}` : 'Hello'} intro="Your care at a glance." />
      <Card title="Your next step">
        <AsyncView state={visits}>
          {() =>
            next ? (
              <p>
                <strong>{formatDateTime(next.startTime)}</strong> with {next.providerName} — {next.reason}.{' '}
                <Link to="/appointments">See all visits</Link>
              </p>
            ) : (
              <Empty>Nothing scheduled right now.</Empty>
            )
          }
        </AsyncView>
      </Card>
      <div className="metrics">
        <Metric label="Upcoming visits" value={visits.data ? upcoming.length : '…'} />
        <Metric label="Past visits" value={visits.data ? past.length : '…'} />
      </div>
      <div className="grid-2">
        <Card title="Ask a question">
          <p>Questions about visits, medicines, billing or the clinic: the assistant answers any time.</p>
          <Link to="/chat">Open messages</Link>
        </Card>
        <Card title="Medicines and refills">
          <p>See your prescriptions and ask for a refill.</p>
          <Link to="/medications">Open medicines</Link>
        </Card>
        <Card title="Speak with AURIXA">
          <p>Talk instead of typing.</p>
          <Link to="/voice">Open voice chat</Link>
        </Card>
        <Card title="Find support">
          <p>Emergencies, contacts and how to reach a person.</p>
          <Link to="/help">Get help</Link>
        </Card>
      </div>
    </>
  );
}
