import { describe, expect, it } from 'vitest';
import { ApiError, queryString, readNdjson } from './client';
import { fakeClient, reply } from '../test/fake-server';

describe('queryString', () => {
  it('drops empty values and encodes the rest', () => {
    expect(queryString({ a: 1, b: '', c: undefined, d: 'x y' })).toBe('?a=1&d=x%20y');
    expect(queryString({})).toBe('');
  });
});

describe('readNdjson', () => {
  it('joins lines split across chunks and skips blank or malformed lines', async () => {
    const enc = new TextEncoder();
    const parts = ['{"event":"status","mess', 'age":"a"}\n\n{bad}\n{"event":"done","final_response":"x"}'];
    const body = new ReadableStream({
      start(c) {
        parts.forEach((p) => c.enqueue(enc.encode(p)));
        c.close();
      },
    });
    const seen: unknown[] = [];
    await readNdjson(new Response(body), (v) => seen.push(v));
    expect(seen).toEqual([{ event: 'status', message: 'a' }, { event: 'done', final_response: 'x' }]);
  });
});

describe('AurixaClient', () => {
  it('logs in, keeps the session in sessionStorage and sends the bearer token', async () => {
    const { client, calls } = fakeClient({
      'POST /api/v1/auth/login': () => ({ access_token: 'A1', refresh_token: 'R1', role: 'tenant_admin', tenant_id: 1, expires_in: 900, user_id: 'u1' }),
      'GET /api/v1/admin/tenants': () => [],
    });
    const s = await client.login('admin@generalhospital.com', 'pw');
    expect(s.role).toBe('tenant_admin');
    expect(JSON.parse(sessionStorage.getItem('test.session')!).access_token).toBe('A1');
    await client.tenants();
    expect(calls[1].auth).toBe('Bearer A1');
  });

  it('refreshes once on 401 and retries the call', async () => {
    let n = 0;
    const { client, calls } = fakeClient(
      {
        'GET /api/v1/auth/me': () => (n++ === 0 ? reply(401, { detail: 'expired', code: 'unauthorized' }) : { id: 'u', role: 'patient', tenant_id: 1 }),
        'POST /api/v1/auth/refresh': () => ({ access_token: 'NEW', refresh_token: 'R2', role: 'patient', tenant_id: 1, expires_in: 900, user_id: 'u' }),
      },
      { role: 'patient' },
    );
    const me = await client.me();
    expect(me.role).toBe('patient');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/auth/me', '/api/v1/auth/refresh', '/api/v1/auth/me']);
    expect(calls[2].auth).toBe('Bearer NEW');
  });

  it('turns error bodies into ApiError with status, detail and field', async () => {
    const { client } = fakeClient(
      { 'POST /api/v1/admin/tenants': () => (reply(422, { detail: "field 'name' is required", code: 'validation_error', field: 'name' })) },
      {},
    );
    const err = await client.createTenant({ name: '', plan: 'starter', status: 'active' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.field).toBe('name');
    expect(err.message).toBe("field 'name' is required");
  });

  it('streams a pipeline turn and resolves with the done event', async () => {
    const { client, calls } = fakeClient(
      {
        'POST /api/v1/orchestration/pipelines/stream': () => ({
          ndjson: [
            { event: 'status', message: 'Classifying intent...' },
            { event: 'text_delta', delta: 'Hel' },
            { event: 'text_delta', delta: 'lo' },
            { event: 'done', final_response: 'Hello', session_id: 's-1', intent: 'smalltalk' },
          ],
        }),
      },
      {},
    );
    const events: string[] = [];
    const r = await client.streamPipeline({ prompt: 'hi', patient_id: 1 }, (e) => events.push(e.event));
    expect(events).toEqual(['status', 'text_delta', 'text_delta', 'done']);
    expect(r.session_id).toBe('s-1');
    expect(calls[0].body).toEqual({ prompt: 'hi', patient_id: 1 });
  });

  it('rejects a stream that reports an error event', async () => {
    const { client } = fakeClient(
      { 'POST /api/v1/orchestration/pipelines/stream': () => ({ ndjson: [{ event: 'error', message: 'LLM down' }] }) },
      {},
    );
    await expect(client.streamPipeline({ prompt: 'hi' }, () => {})).rejects.toThrow('LLM down');
  });
});
