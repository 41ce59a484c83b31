import { useState } from 'react';
import type { Appointment, AppointmentStatus, Patient } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { Badge, Banner, Button, Empty, Table } from '../../ui/components';
import { formatTime } from '../../ui/hooks';
import { Link } from '../../ui/router';

const order: AppointmentStatus[] = ['in_room', 'checked_in', 'confirmed', 'completed', 'cancelled'];

// Next step offered for a visit in each status (the lifecycle the store enforces).
export function nextActions(status: AppointmentStatus): Array<{ to: AppointmentStatus; label: string }> {
  switch (status) {
    case 'confirmed':
      return [
        { to: 'checked_in', label: 'Check in' },
        { to: 'cancelled', label: 'Cancel' },
      ];
    case 'checked_in':
      return [
        { to: 'in_room', label: 'Room' },
        { to: 'cancelled', label: 'Cancel' },
      ];
    case 'in_room':
      return [{ to: 'completed', label: 'Complete' }];
    default:
      return [];
  }
}

export function isLate(a: Appointment, now = new Date()): boolean {
  return a.status === 'confirmed' && new Date(a.startTime).getTime() < now.getTime();
}

export function sortQueue(rows: Appointment[]): Appointment[] {
  return [...rows].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.startTime.localeCompare(b.startTime));
}

export function VisitTable({
  rows,
  patients,
  canAct,
  onChanged,
  showDate,
  label = 'Visits',
}: {
  rows: Appointment[];
  patients: Map<number, Patient>;
  canAct: boolean;
  onChanged: () => void;
  showDate?: boolean;
  label?: string;
}) {
  const { client } = useAuth();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const act = async (a: Appointment, to: AppointmentStatus) => {
    if (to === 'cancelled' && !window.confirm('Cancel this visit?')) return;
    setBusy(`${a.id}:${to}`);
    setError(undefined);
    try {
      await client.setAppointmentStatus(a.id, to);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not update the visit');
    } finally {
      setBusy(undefined);
    }
  };
  if (rows.length === 0) return <Empty>No visits.</Empty>;
  return (
    <>
      {error ? <Banner kind="error">{error}</Banner> : null}
      <Table caption={label} columns={['Time', 'Patient', 'Clinician', 'Reason', 'Status', ...(canAct ? ['Actions'] : [])]} testId="visit-table">
        {rows.map((a) => {
          const p = patients.get(a.patientId);
          return (
            <tr key={a.id}>
              <td>
                {showDate ? `${a.startTime.slice(0, 10)} ` : ''}
                {formatTime(a.startTime)}
              </td>
              <td>
                <Link to={`/patients/${a.patientId}`}>{p?.fullName ?? `Patient ${a.patientId}`}</Link>
              </td>
              <td>{a.providerName}</td>
              <td>{a.reason}</td>
              <td>
                <Badge value={a.status} /> {isLate(a) ? <Badge value="late" tone="bad" /> : null}
              </td>
              {canAct ? (
                <td>
                  <span className="page-actions">
                    {nextActions(a.status).map((x) => (
                      <Button
                        key={x.to}
                        variant={x.to === 'cancelled' ? 'secondary' : 'primary'}
                        busy={busy === `${a.id}:${x.to}`}
                        onClick={() => void act(a, x.to)}
                        aria-label={`${x.label} ${p?.fullName ?? `patient ${a.patientId}`} at ${formatTime(a.startTime)}`}
                      >
                        {x.label}
                      </Button>
                    ))}
                  </span>
                </td>
              ) : null}
            </tr>
          );
        })}
      </Table>
    </>
  );
}

export function usePatientMap(patients: Patient[] | undefined): Map<number, Patient> {
  return new Map((patients ?? []).map((p) => [p.id, p]));
}
