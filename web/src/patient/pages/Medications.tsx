import { field, isNotFound } from '../../api/client';
import type { Loose } from '../../api/types';
import { useAuth } from '../../ui/auth';
import { AsyncView, Badge, Button, Card, Empty } from '../../ui/components';
import { useAsync } from '../../ui/hooks';
import { useRouter } from '../../ui/router';
import { PageHeader } from '../../ui/shell';

// Prescriptions and refill requests are newer routes: a 404 means "not available on this server yet", shown as
// an empty state instead of an error.
async function orUnavailable(p: Promise<Loose[]>): Promise<Loose[] | null> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export function MedicationsPage() {
  const { client, session } = useAuth();
  const { navigate } = useRouter();
  const pid = session.patient_id!;
  const rx = useAsync(() => orUnavailable(client.prescriptions(pid)), [client, pid]);
  const refills = useAsync(() => orUnavailable(client.refillRequests(pid)), [client, pid]);
  const askRefill = (name: string) => navigate(`/chat?prompt=${encodeURIComponent(`I need a refill of my ${name}`)}`);
  return (
    <>
      <PageHeader title="Medicines and refills" intro="Your prescriptions and the refill requests you have made." />
      <Card title="Prescriptions">
        <AsyncView state={rx}>
          {(rows) =>
            rows === null ? (
              <Empty>Prescriptions are not available yet. Ask the assistant for help with a refill.</Empty>
            ) : rows.length === 0 ? (
              <Empty>No prescriptions on file.</Empty>
            ) : (
              <ul className="list" data-testid="prescriptions">
                {rows.map((p, i) => {
                  const name = String(field(p, 'medicationName', 'medication_name', 'name') ?? 'Medication');
                  const refillsLeft = field<number>(p, 'refillsRemaining', 'refills_remaining');
                  return (
                    <li key={String(field(p, 'id') ?? i)}>
                      <span>
                        <strong>{name}</strong> {String(field(p, 'dosage') ?? '')}
                        <br />
                        <small className="hint">
                          {String(field(p, 'instructions', 'frequency') ?? '')}
                          {refillsLeft !== undefined ? ` · ${refillsLeft} refill(s) left` : ''}
                        </small>
                      </span>
                      <Button variant="secondary" onClick={() => askRefill(name)} aria-label={`Request a refill of ${name}`}>
                        Request refill
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )
          }
        </AsyncView>
      </Card>
      <Card title="Refill requests">
        <AsyncView state={refills}>
          {(rows) =>
            rows === null ? (
              <Empty>Refill tracking is not available yet.</Empty>
            ) : rows.length === 0 ? (
              <Empty>No refill requests yet.</Empty>
            ) : (
              <ul className="list">
                {rows.map((r, i) => (
                  <li key={String(field(r, 'id') ?? i)}>
                    <span>
                      <strong>{String(field(r, 'medicationName', 'medication_name') ?? 'Medication')}</strong>
                      <br />
                      <small className="hint">
                        {String(field(r, 'createdAt', 'created_at') ?? '')}
                        {field(r, 'pharmacy') ? ` · ${String(field(r, 'pharmacy'))}` : ''}
                      </small>
                    </span>
                    <Badge value={String(field(r, 'status') ?? 'pending')} />
                  </li>
                ))}
              </ul>
            )
          }
        </AsyncView>
      </Card>
    </>
  );
}
