// Typed client for the AURIXA gateway. The access token lives in memory and sessionStorage (per tab, gone when
// the tab closes); every call sends it as Authorization: Bearer. A 401 triggers one refresh, then the session ends.
// Nothing here logs request or response bodies: they can hold personal data.
import type {
  AnalyticsSummary,
  Appointment,
  AppointmentFilter,
  AppointmentStatus,
  Article,
  AuditEntry,
  AuditFilter,
  ConfigDetail,
  ConversationTurn,
  ErrorBody,
  LoginResponse,
  Loose,
  Me,
  NewAppointment,
  Patient,
  PerformanceReport,
  PipelineRequest,
  PipelineResult,
  Plan,
  RetrieveResponse,
  ServicesHealth,
  Staff,
  StreamEvent,
  Tenant,
  TenantStatus,
} from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly field?: string;
  constructor(status: number, body: ErrorBody | null, fallback: string) {
    super(body?.detail ?? body?.message ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code;
    this.field = body?.field;
  }
}

export interface Session extends LoginResponse {
  email: string;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(q?: Query): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const DEFAULT_TIMEOUT_MS = 15_000;
const PIPELINE_TIMEOUT_MS = 180_000;

export class AurixaClient {
  private session: Session | null = null;
  private listeners = new Set<(s: Session | null) => void>();
  private refreshing: Promise<boolean> | null = null;

  constructor(
    private readonly storageKey: string,
    private readonly baseUrl = '',
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    try {
      const raw = sessionStorage.getItem(storageKey);
      if (raw) this.session = JSON.parse(raw) as Session;
    } catch {
      this.session = null;
    }
  }

  get current(): Session | null {
    return this.session;
  }

  onChange(fn: (s: Session | null) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private setSession(s: Session | null) {
    this.session = s;
    try {
      if (s) sessionStorage.setItem(this.storageKey, JSON.stringify(s));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      /* storage unavailable: memory only */
    }
    this.listeners.forEach((fn) => fn(s));
  }

  async login(email: string, password: string): Promise<Session> {
    const res = await this.raw('POST', '/api/v1/auth/login', { email, password }, { auth: false });
    const s: Session = { ...(res as LoginResponse), email };
    this.setSession(s);
    return s;
  }

  logout() {
    this.setSession(null);
  }

  private async refresh(): Promise<boolean> {
    const s = this.session;
    if (!s?.refresh_token) return false;
    this.refreshing ??= (async () => {
      try {
        const res = (await this.raw('POST', '/api/v1/auth/refresh', { refresh_token: s.refresh_token }, { auth: false })) as LoginResponse;
        this.setSession({ ...s, ...res });
        return true;
      } catch {
        this.setSession(null);
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private headers(auth: boolean, body: boolean): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (body) h['Content-Type'] = 'application/json';
    if (auth && this.session) h.Authorization = `Bearer ${this.session.access_token}`;
    return h;
  }

  private async raw(
    method: string,
    path: string,
    body?: unknown,
    opts: { auth?: boolean; timeoutMs?: number; retried?: boolean } = {},
  ): Promise<unknown> {
    const auth = opts.auth ?? true;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: this.headers(auth, body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
      });
    } catch (e) {
      throw new ApiError(0, null, ctrl.signal.aborted ? 'The request timed out.' : 'The service is unreachable.');
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 401 && auth && !opts.retried && (await this.refresh()))
      return this.raw(method, path, body, { ...opts, retried: true });
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      if (res.status === 401 && auth) this.setSession(null);
      throw new ApiError(res.status, data as ErrorBody | null, `Request failed (${res.status})`);
    }
    return data;
  }

  get<T>(path: string, q?: Query): Promise<T> {
    return this.raw('GET', path + queryString(q)) as Promise<T>;
  }
  post<T>(path: string, body: unknown, timeoutMs?: number): Promise<T> {
    return this.raw('POST', path, body, { timeoutMs }) as Promise<T>;
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.raw('PATCH', path, body) as Promise<T>;
  }
  del<T>(path: string): Promise<T> {
    return this.raw('DELETE', path) as Promise<T>;
  }

  // ---- auth and platform
  me = () => this.get<Me>('/api/v1/auth/me');
  servicesHealth = () => this.raw('GET', '/health/services', undefined, { auth: false }) as Promise<ServicesHealth>;

  // ---- tenants
  tenants = () => this.get<Tenant[]>('/api/v1/admin/tenants');
  createTenant = (t: { name: string; plan: Plan; status: TenantStatus }) => this.post<Tenant>('/api/v1/admin/tenants', t);
  updateTenant = (id: string, t: Partial<{ name: string; plan: Plan; status: TenantStatus }>) =>
    this.patch<Tenant>(`/api/v1/admin/tenants/${encodeURIComponent(id)}`, t);

  // ---- audit, analytics, config
  audit = (f: AuditFilter = {}) => this.get<AuditEntry[]>('/api/v1/admin/audit', { limit: 50, ...f });
  analyticsSummary = () => this.get<AnalyticsSummary>('/api/v1/admin/analytics/summary');
  performance = (q: { window_minutes?: number; bucket_seconds?: number; tenant_id?: number } = {}) =>
    this.get<PerformanceReport>('/api/v1/observe/reports/performance', q);
  configDetail = () => this.get<ConfigDetail>('/api/v1/admin/config/detail');
  setConfig = (key: string, value: string) =>
    this.patch<{ key: string; value: string }>(`/api/v1/admin/config/${encodeURIComponent(key)}`, { value });

  // ---- knowledge base and retrieval
  articles = (tenantId?: number) => this.get<Article[]>('/api/v1/admin/knowledge/articles', { tenant_id: tenantId, limit: 1000 });
  createArticle = (a: { title: string; content: string; tenant_id: number }) =>
    this.post<Article>('/api/v1/admin/knowledge/articles', a);
  updateArticle = (id: number, a: { title?: string; content?: string }) =>
    this.patch<Article>(`/api/v1/admin/knowledge/articles/${id}`, a);
  deleteArticle = (id: number) => this.del<{ id: number; deleted: boolean }>(`/api/v1/admin/knowledge/articles/${id}`);
  retrieve = (prompt: string, top_k = 5, tenant_id?: number) =>
    this.post<RetrieveResponse>('/api/v1/rag/retrieve', { prompt, top_k, ...(tenant_id ? { tenant_id } : {}) });

  // ---- patients, appointments, staff
  patients = (tenantId?: number) => this.get<Patient[]>('/api/v1/admin/patients', { tenant_id: tenantId, limit: 1000 });
  patient = (id: number) => this.get<Patient>(`/api/v1/admin/patients/${id}`);
  createPatient = (p: { full_name: string; email?: string; phone_number?: string; tenant_id?: number }) =>
    this.post<Patient>('/api/v1/admin/patients', p);
  patientAppointments = (id: number) => this.get<Appointment[]>(`/api/v1/admin/patients/${id}/appointments`);
  patientConversations = (id: number, limit = 20) =>
    this.get<ConversationTurn[]>(`/api/v1/admin/patients/${id}/conversations`, { limit });
  prescriptions = (id: number) => this.get<Loose[]>(`/api/v1/admin/patients/${id}/prescriptions`);
  refillRequests = (id: number) => this.get<Loose[]>(`/api/v1/admin/patients/${id}/refill-requests`);
  appointments = (f: AppointmentFilter = {}) => this.get<Appointment[]>('/api/v1/admin/appointments', { limit: 200, ...f });
  createAppointment = (a: NewAppointment) => this.post<Appointment>('/api/v1/admin/appointments', a);
  setAppointmentStatus = (id: number, status: AppointmentStatus) =>
    this.patch<Appointment>(`/api/v1/admin/appointments/${id}`, { status });
  staff = (role?: string) => this.get<Staff[]>('/api/v1/admin/staff', { role, limit: 1000 });
  tasks = (q: { status?: string; kind?: string } = {}) => this.get<Loose[]>('/api/v1/admin/tasks', q);
  setTaskStatus = (id: number | string, status: string) => this.patch<Loose>(`/api/v1/admin/tasks/${id}`, { status });

  // ---- pipelines
  runPipeline = (r: PipelineRequest) => this.post<PipelineResult>('/api/v1/orchestration/pipelines', r, PIPELINE_TIMEOUT_MS);

  // Streams one turn: calls onEvent per NDJSON line, resolves with the done event's result. An `error` event or a
  // failed request rejects with ApiError.
  async streamPipeline(r: PipelineRequest, onEvent: (e: StreamEvent) => void, signal?: AbortSignal): Promise<PipelineResult> {
    const attempt = async (retried: boolean): Promise<PipelineResult> => {
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), PIPELINE_TIMEOUT_MS);
      signal?.addEventListener('abort', () => ctrl.abort());
      try {
        let res: Response;
        try {
          res = await this.fetchImpl(this.baseUrl + '/api/v1/orchestration/pipelines/stream', {
            method: 'POST',
            headers: { ...this.headers(true, true), Accept: 'application/x-ndjson' },
            body: JSON.stringify(r),
            signal: ctrl.signal,
          });
        } catch {
          throw new ApiError(0, null, ctrl.signal.aborted ? 'The request timed out.' : 'The service is unreachable.');
        }
        if (res.status === 401 && !retried && (await this.refresh())) return attempt(true);
        if (!res.ok) {
          let body: ErrorBody | null = null;
          try {
            body = (await res.json()) as ErrorBody;
          } catch {
            body = null;
          }
          throw new ApiError(res.status, body, `Request failed (${res.status})`);
        }
        let done: PipelineResult | null = null;
        await readNdjson(res, (line) => {
          const e = line as StreamEvent;
          onEvent(e);
          if (e.event === 'done') done = { ...(e as PipelineResult), final_response: e.final_response };
          if (e.event === 'error') throw new ApiError(200, { detail: e.message }, 'The assistant failed.');
        });
        if (!done) throw new ApiError(200, null, 'The reply ended early.');
        return done;
      } finally {
        clearTimeout(timer);
      }
    };
    return attempt(false);
  }
}

// Splits a fetch body into NDJSON objects as chunks arrive (lines may span chunks).
export async function readNdjson(res: Response, onLine: (v: unknown) => void): Promise<void> {
  const handle = (line: string) => {
    const t = line.trim();
    if (!t) return;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      return; // a malformed line is skipped, not fatal
    }
    onLine(v);
  };
  if (!res.body) {
    (await res.text()).split('\n').forEach(handle);
    return;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      handle(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  }
  buf += decoder.decode();
  handle(buf);
}

// Reads a field that a new route may send in camelCase or snake_case.
export function field<T = unknown>(o: Loose, ...names: string[]): T | undefined {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n] as T;
  return undefined;
}

export const isNotFound = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 405);
