// Playground "Service checks": one button per role route, each recording pass/fail, latency and the raw JSON;
// "Run all" runs them in order.
import { useState } from 'react';
import { useAuth } from '../../ui/auth';
import { Badge, Button, Table } from '../../ui/components';

interface CheckResult {
  ok: boolean;
  ms: number;
  body: unknown;
}

export function ServiceChecks() {
  const { client, session } = useAuth();
  const tenant = session.tenant_id ?? 1;
  const checks: Array<{ name: string; run: () => Promise<unknown> }> = [
    { name: 'LLM route', run: () => client.post('/api/v1/llm/route', { prompt: 'I need to schedule an appointment' }) },
    { name: 'RAG retrieve', run: () => client.retrieve('prescription refill', 5, tenant) },
    { name: 'Safety validate', run: () => client.post('/api/v1/safety/validate', { text: 'Hello, this is a normal message', stage: 'input' }) },
    { name: 'Execution actions', run: () => client.get('/api/v1/execute/actions') },
    { name: 'Execute get_appointments', run: () => client.post('/api/v1/execute/execute', { action_name: 'get_appointments', params: { patient_id: 1 } }) },
    { name: 'LLM providers', run: () => client.get('/api/v1/llm/providers') },
    { name: 'LLM models', run: () => client.get('/api/v1/llm/models') },
    { name: 'Knowledge articles', run: () => client.articles(tenant) },
    { name: 'Audit log (10)', run: () => client.audit({ limit: 10 }) },
    { name: 'Service health', run: () => client.servicesHealth() },
  ];
  const [results, setResults] = useState<Record<string, CheckResult>>({});
  const [shown, setShown] = useState<string>();
  const [running, setRunning] = useState<string>();
  const runOne = async (c: (typeof checks)[number]) => {
    setRunning(c.name);
    const t = performance.now();
    let r: CheckResult;
    try {
      r = { ok: true, ms: 0, body: await c.run() };
    } catch (e) {
      r = { ok: false, ms: 0, body: { error: e instanceof Error ? e.message : String(e) } };
    }
    r.ms = Math.round(performance.now() - t);
    setResults((x) => ({ ...x, [c.name]: r }));
    setShown(c.name);
    setRunning(undefined);
  };
  const runAll = async () => {
    for (const c of checks) await runOne(c);
  };
  return (
    <>
      <div className="page-actions" style={{ marginBottom: '0.75rem' }}>
        <Button onClick={() => void runAll()} busy={!!running}>
          Run all checks
        </Button>
      </div>
      <Table caption="Service checks" columns={['Check', 'Result', 'Latency', { label: 'Run', hidden: true }]} testId="service-checks">
        {checks.map((c) => {
          const r = results[c.name];
          return (
            <tr key={c.name}>
              <td>
                <button type="button" className="link-button" onClick={() => setShown(c.name)} disabled={!r}>
                  {c.name}
                </button>
              </td>
              <td>{r ? <Badge value={r.ok ? 'pass' : 'fail'} tone={r.ok ? 'ok' : 'bad'} /> : '—'}</td>
              <td>{r ? `${r.ms} ms` : '—'}</td>
              <td>
                <Button variant="secondary" busy={running === c.name} disabled={!!running} onClick={() => void runOne(c)} aria-label={`Run ${c.name}`}>
                  Run
                </Button>
              </td>
            </tr>
          );
        })}
      </Table>
      {shown && results[shown] ? (
        <>
          <h3>{shown}</h3>
          <pre className="json" tabIndex={0} aria-label={`Raw response of ${shown}`}>
            {JSON.stringify(results[shown].body, null, 2)}
          </pre>
        </>
      ) : null}
    </>
  );
}
