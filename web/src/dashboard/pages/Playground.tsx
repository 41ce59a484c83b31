import { useState, type FormEvent } from 'react';
import { useAuth } from '../../ui/auth';
import { Badge, Button, Card, Empty, Field, Table, Tabs, TextArea } from '../../ui/components';
import { EmergencyBanner, usePipelineChat } from '../../ui/chat';
import { PageHeader } from '../../ui/shell';
import { ServiceChecks } from './ServiceChecks';

const samples = [
  'What are your operating hours?',
  'How do I request a prescription refill?',
  'Tell me about billing and insurance.',
  'I need to schedule an appointment.',
  'Get my appointments for patient 1',
  'Check my insurance',
];

export function PlaygroundPage() {
  const { client } = useAuth();
  const [patient, setPatient] = useState('');
  const [prompt, setPrompt] = useState('');
  const [tab, setTab] = useState<'pipeline' | 'checks'>('pipeline');
  const chat = usePipelineChat(client, { patientId: patient ? Number(patient) : undefined });
  const reply = [...chat.messages].reverse().find((m) => m.role === 'assistant');
  const run = (e?: FormEvent, text = prompt) => {
    e?.preventDefault();
    void chat.send(text);
  };
  return (
    <>
      <PageHeader
        title="Pipeline playground"
        intro="Runs one turn through the full pipeline (safety → intent → tools or retrieval → generation → safety) and streams the reply."
        actions={
          <Button variant="secondary" onClick={chat.reset}>
            New session
          </Button>
        }
      />
      <Tabs
        label="Playground"
        value={tab}
        onChange={setTab}
        tabs={[
          { id: 'pipeline', label: 'Full request' },
          { id: 'checks', label: 'Service checks' },
        ]}
      />
      {tab === 'checks' ? (
        <Card>
          <ServiceChecks />
        </Card>
      ) : (
        <>
          <div className="grid-2">
            <Card title="Request">
              <form onSubmit={run}>
                <TextArea label="Prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={4} maxLength={4000} />
                <Field label="Patient id (optional)" type="number" min={1} value={patient} onChange={(e) => setPatient(e.target.value)} />
                <Button type="submit" busy={chat.busy} disabled={!prompt.trim()}>
                  Run pipeline
                </Button>
              </form>
              <div className="suggestions" aria-label="Sample prompts" style={{ marginTop: '0.75rem' }}>
                {samples.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className="chip"
                    disabled={chat.busy}
                    onClick={() => {
                      setPrompt(s);
                      run(undefined, s);
                    }}
                  >
                    {s}
                  </button>
                ))}
              </div>
            </Card>
            <Card title="Step timeline">
              {chat.timeline.length === 0 ? (
                <Empty>Run a prompt to see each stage as it happens.</Empty>
              ) : (
                <ol className="timeline" aria-label="Pipeline events" data-testid="timeline">
                  {chat.timeline.map((t, i) => (
                    <li key={i} className={`ev-${t.event}`}>
                      <span className="at">+{t.atMs} ms</span>
                      {t.label}
                    </li>
                  ))}
                </ol>
              )}
              {chat.last?.steps?.length ? (
                <Table caption="Pipeline steps" columns={['Step', 'Status', 'Duration']}>
                  {chat.last.steps.map((s, i) => (
                    <tr key={`${s.name}-${i}`}>
                      <td>{s.name}</td>
                      <td><Badge value={s.status === 'success' ? 'done' : s.status} /></td>
                      <td>{s.start_time && s.end_time ? `${Math.round((s.end_time - s.start_time) * 1000)} ms` : '—'}</td>
                    </tr>
                  ))}
                </Table>
              ) : null}
            </Card>
          </div>
          <Card title="Response">
            {reply?.escalated ? <EmergencyBanner type={reply.escalationType} /> : null}
            {!reply ? (
              <Empty>No response yet.</Empty>
            ) : (
              <div aria-live="polite" data-testid="playground-response">
                <p className={reply.error ? 'bubble bubble-error' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                  {reply.text || (reply.pending ? 'Waiting for the first words…' : '')}
                </p>
                {chat.last ? (
                  <p className="hint">
                    {chat.last.intent ? <>Intent <strong>{chat.last.intent}</strong>{chat.last.confidence !== undefined ? ` (${(chat.last.confidence * 100).toFixed(0)}%)` : ''} · </> : null}
                    session {chat.last.session_id}
                    {chat.last.cached ? ' · cached' : ''}
                    {chat.last.citations?.length ? ` · sources: ${chat.last.citations.map((c) => c.title).join(', ')}` : ''}
                  </p>
                ) : null}
              </div>
            )}
          </Card>
        </>
      )}
    </>
  );
}
