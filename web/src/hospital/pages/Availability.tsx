import { useState, type FormEvent } from 'react';
import type { Appointment } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Banner, Button, Card, Field, Select } from '../../ui/components';
import { todayIso, useAsync } from '../../ui/hooks';
import { PageHeader } from '../../ui/shell';
import { canManageVisits } from '../roles';

// 30-minute slots of a clinic day; a slot is busy when a non-cancelled visit of that clinician overlaps it.
export function daySlots(date: string, visits: Appointment[], startHour = 8, endHour = 17): Array<{ time: string; busy: Appointment | undefined }> {
  const out: Array<{ time: string; busy: Appointment | undefined }> = [];
  for (let m = startHour * 60; m < endHour * 60; m += 30) {
    const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const s = new Date(`${date}T${time}:00`).getTime();
    const e = s + 30 * 60_000;
    const busy = visits.find((v) => v.status !== 'cancelled' && new Date(v.startTime).getTime() < e && new Date(v.endTime).getTime() > s);
    out.push({ time, busy });
  }
  return out;
}

export function AvailabilityPage() {
  const { client, session } = useAuth();
  const tomorrow = todayIso(new Date(Date.now() + 86400_000));
  const [date, setDate] = useState(tomorrow);
  const [provider, setProvider] = useState('');
  const [slot, setSlot] = useState<string>();
  const [patientId, setPatientId] = useState('');
  const [reason, setReason] = useState('General visit');
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const doctors = useAsync(() => client.staff('doctor'), [client]);
  const patients = useAsync(() => client.patients(), [client]);
  const chosen = provider || doctors.data?.[0]?.fullName || '';
  const visits = useAsync(
    () => (chosen ? client.appointments({ date_from: date, date_to: date, provider_name: chosen }) : Promise.resolve([])),
    [client, date, chosen],
  );
  const canBook = canManageVisits(session.role);

  const book = async (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const a = await client.createAppointment({ patient_id: Number(patientId), provider_name: chosen, reason, date, start_time: slot });
      setNotice({ ok: true, text: `Booked ${a.providerName} on ${a.startTime.replace('T', ' ').slice(0, 16)}.` });
      setSlot(undefined);
      visits.reload();
    } catch (err) {
      setNotice({ ok: false, text: err instanceof Error ? err.message : 'Could not book' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="Availability" intro="Free and booked 30-minute slots per clinician. Choose a free slot to book it." />
      {notice ? <Banner kind={notice.ok ? 'success' : 'error'}>{notice.text}</Banner> : null}
      <Card>
        <div className="form-row">
          <Field label="Date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <Select
            label="Clinician"
            value={chosen}
            onChange={(e) => setProvider(e.target.value)}
            options={(doctors.data ?? []).map((d) => ({ value: d.fullName, label: d.fullName }))}
          />
        </div>
      </Card>
      <div className="grid-2">
        <Card title={`Slots for ${chosen || '…'}`}>
          <AsyncView state={visits}>
            {(rows) => (
              <ul className="suggestions" aria-label="Slots" style={{ listStyle: 'none', padding: 0 }}>
                {daySlots(date, rows).map((s) => (
                  <li key={s.time}>
                    <button
                      type="button"
                      className="chip"
                      disabled={!!s.busy || !canBook}
                      aria-pressed={slot === s.time}
                      aria-label={`${s.time} ${s.busy ? 'booked' : 'free'}`}
                      style={s.busy ? { textDecoration: 'line-through' } : slot === s.time ? { background: '#dbeafe' } : undefined}
                      onClick={() => setSlot(s.time)}
                    >
                      {s.time}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </AsyncView>
        </Card>
        {canBook ? (
          <Card title="Book">
            <form onSubmit={book}>
              <p>{slot ? `Slot: ${date} ${slot} with ${chosen}` : 'Choose a free slot.'}</p>
              <Select
                label="Patient"
                value={patientId}
                required
                onChange={(e) => setPatientId(e.target.value)}
                options={[{ value: '', label: 'Choose a patient' }, ...(patients.data ?? []).map((p) => ({ value: String(p.id), label: p.fullName }))]}
              />
              <Field label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button type="submit" busy={busy} disabled={!slot || !patientId}>
                Book visit
              </Button>
            </form>
          </Card>
        ) : null}
      </div>
    </>
  );
}
