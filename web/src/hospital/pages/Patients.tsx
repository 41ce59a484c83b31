import { useState, type FormEvent } from 'react';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Banner, Button, Card, Dialog, Empty, Field } from '../../ui/components';
import { formatDateTime, useAction, useAsync } from '../../ui/hooks';
import { Link } from '../../ui/router';
import { PageHeader } from '../../ui/shell';

function AddPatient({ onAdded }: { onAdded: (name: string) => void }) {
  const { client, session } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = await run(
      () =>
        client.createPatient({
          full_name: name.trim(),
          email: email.trim() || undefined,
          phone_number: phone.trim() || undefined,
          tenant_id: session.tenant_id ?? undefined,
        }),
      'Could not add the patient',
    );
    if (p) onAdded(p.fullName);
  };
  return (
    <form onSubmit={submit}>
      {error ? <Banner kind="error">{error}</Banner> : null}
      <Field label="Full name" required value={name} onChange={(e) => setName(e.target.value)} />
      <Field label="Email (optional)" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label="Phone (optional)" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      <Button type="submit" busy={busy} disabled={!name.trim()}>
        Add patient
      </Button>
    </form>
  );
}

export function PatientsPage() {
  const { client, session } = useAuth();
  const patients = useAsync(() => client.patients(), [client]);
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const canAdd = session.role === 'reception' || session.role === 'tenant_admin';
  return (
    <>
      <PageHeader
        title="Patients"
        intro="Your organization’s patient directory."
        actions={canAdd ? <Button onClick={() => setAdding(true)}>Add patient</Button> : null}
      />
      {notice ? <Banner kind="success">{notice}</Banner> : null}
      {adding ? (
        <Dialog title="Add patient" onClose={() => setAdding(false)}>
          <AddPatient
            onAdded={(n) => {
              setAdding(false);
              setNotice(`Added ${n}.`);
              patients.reload();
            }}
          />
        </Dialog>
      ) : null}
      <Card>
        <Field label="Search by name or contact" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <AsyncView state={patients}>
          {(rows) => {
            const shown = rows.filter((p) => `${p.fullName} ${p.email ?? ''} ${p.phoneNumber ?? ''}`.toLowerCase().includes(q.toLowerCase()));
            return shown.length === 0 ? (
              <Empty>No patients match.</Empty>
            ) : (
              <ul className="list" aria-label="Patients">
                {shown.map((p) => (
                  <li key={p.id}>
                    <span>
                      <Link to={`/patients/${p.id}`}>{p.fullName}</Link>
                      <br />
                      <small className="hint">{[p.email, p.phoneNumber].filter(Boolean).join(' · ') || 'No contact on file'}</small>
                    </span>
                  </li>
                ))}
              </ul>
            );
          }}
        </AsyncView>
      </Card>
    </>
  );
}

export function PatientDetailPage({ id }: { id: number }) {
  const { client } = useAuth();
  const patient = useAsync(() => client.patient(id), [client, id]);
  const visits = useAsync(() => client.patientAppointments(id), [client, id]);
  const conversations = useAsync(() => client.patientConversations(id, 20), [client, id]);
  return (
    <>
      <PageHeader
        title={patient.data?.fullName ?? 'Patient'}
        intro={patient.data ? [patient.data.email, patient.data.phoneNumber].filter(Boolean).join(' · ') : undefined}
        actions={<Link to={`/chat?patientId=${id}`}>Ask the assistant about this patient</Link>}
      />
      {patient.error ? <AsyncView state={patient}>{() => null}</AsyncView> : null}
      <div className="grid-2">
        <Card title="Visits">
          <AsyncView state={visits}>
            {(rows) =>
              rows.length === 0 ? (
                <Empty>No visits.</Empty>
              ) : (
                <ul className="list">
                  {rows.map((a) => (
                    <li key={a.id}>
                      <span>
                        <strong>{formatDateTime(a.startTime)}</strong> · {a.providerName}
                        <br />
                        <small className="hint">{a.reason}</small>
                      </span>
                      <Badge value={a.status} />
                    </li>
                  ))}
                </ul>
              )
            }
          </AsyncView>
        </Card>
        <Card title="Conversation history">
          <AsyncView state={conversations}>
            {(rows) =>
              rows.length === 0 ? (
                <Empty>No conversations with the assistant.</Empty>
              ) : (
                <ul className="list" data-testid="transcripts">
                  {rows.map((t) => (
                    <li key={t.id} style={{ display: 'block' }}>
                      <small className="hint">{t.createdAt ? formatDateTime(t.createdAt) : ''} · session {t.sessionId}</small>
                      <p>
                        <strong>Patient:</strong> {t.prompt}
                      </p>
                      <p>
                        <strong>Assistant:</strong> {t.response}
                      </p>
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
