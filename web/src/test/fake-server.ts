// A fetch stand-in for component tests: routes "METHOD /path" to handlers, records calls.
import { AurixaClient, type Session } from '../api/client';

// A handler returns a JSON body, or reply(status, body), or { ndjson: [...] } for a stream.
type Handler = (body: unknown, url: URL) => unknown;

const REPLY = Symbol('reply');
export const reply = (status: number, body: unknown) => ({ [REPLY]: true, status, body });

export function fakeClient(routes: Record<string, Handler>, session?: Partial<Session>) {
  const calls: Array<{ method: string; path: string; body: unknown; auth?: string }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://test');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method, path: url.pathname + url.search, body, auth: headers.Authorization });
    const h = routes[`${method} ${url.pathname}`];
    if (!h) return new Response(JSON.stringify({ detail: 'Not Found', code: 'not_found' }), { status: 404 });
    const r = h(body, url) as { status?: number; body?: unknown; ndjson?: unknown[]; [REPLY]?: boolean };
    if (r && typeof r === 'object' && 'ndjson' in r && r.ndjson) {
      return new Response(r.ndjson.map((x) => JSON.stringify(x)).join('\n') + '\n', {
        status: 200,
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
    }
    if (r && typeof r === 'object' && r[REPLY])
      return new Response(JSON.stringify(r.body ?? null), { status: r.status ?? 200 });
    return new Response(JSON.stringify(r), { status: 200 });
  };
  if (session) {
    sessionStorage.setItem(
      'test.session',
      JSON.stringify({ access_token: 'tok', refresh_token: 'ref', token_type: 'bearer', expires_in: 900, user_id: 'u', tenant_id: 1, email: 'x@y.z', role: 'platform_admin', ...session }),
    );
  }
  const client = new AurixaClient('test.session', '', fetchImpl as typeof fetch);
  return { client, calls };
}
