// Wire types of the AURIXA HTTP API (docs/API.md). Field names are exactly as the gateway sends them.

export type Role =
  | 'platform_admin'
  | 'tenant_admin'
  | 'doctor'
  | 'nurse'
  | 'reception'
  | 'scheduler'
  | 'patient'
  | 'api_client';

export interface LoginResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  role: Role;
  user_id: string;
  tenant_id: number | null;
  patient_id?: number;
  staff_id?: number;
}

export interface Me {
  id: string;
  role: Role;
  tenant_id: number | null;
  patient_id?: number;
  staff_id?: number;
}

export interface ErrorBody {
  detail?: string;
  code?: string;
  field?: string;
  message?: string;
}

export type Plan = 'starter' | 'professional' | 'enterprise';
export type TenantStatus = 'active' | 'suspended' | 'pending';

export interface Tenant {
  id: string; // "t-001"
  name: string;
  plan: Plan;
  status: TenantStatus;
  apiKeys: number;
  created: string;
}

export type ServiceStatus = 'healthy' | 'degraded' | 'down';
export interface ServicesHealth {
  gateway: string;
  services: Record<string, { status: ServiceStatus; latencyMs: number }>;
}

export interface AuditEntry {
  id: string;
  timestamp: string;
  service: string;
  action: string;
  user: string;
  details: string;
  severity: 'info' | 'warning' | 'error' | string;
  outcome?: string;
  tenantId?: number | null;
  resourceType?: string | null;
  resourceId?: string | null;
  requestId?: string | null;
}

export interface AuditFilter {
  limit?: number;
  service?: string;
  action?: string;
  user?: string;
  severity?: string;
  outcome?: string;
  since?: string;
  until?: string;
}

export interface AnalyticsSummary {
  conversations_total: number;
  tenants_count: number;
  audit_entries_count: number;
  knowledge_articles_count: number;
  patients_count: number;
  appointments_count: number;
}

export interface Stats {
  count: number;
  error_count: number;
  error_rate: number;
  avg_latency_ms: number;
  p50_latency_ms: number;
  p95_latency_ms: number;
  p99_latency_ms: number;
  max_latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cache_hit_rate: number;
  escalations: number;
  total_cost_usd: number | null;
}

export interface PerformanceReport {
  generated_at: number;
  window: { from: number; to: number };
  totals: Stats;
  overall_metrics: Record<string, Stats>;
  service_metrics: Record<string, Record<string, Stats>>;
  model_metrics: Record<string, Stats>;
  step_metrics: Record<string, Stats>;
  tenant_metrics: Record<string, Stats>;
  series: Array<Stats & { t: number }>;
}

export interface ConfigEntry {
  key: string;
  value: string;
  category: string;
}
export interface ConfigDetail {
  categories: Record<string, ConfigEntry[]>;
}

export interface Article {
  id: number;
  title: string;
  content: string;
  tenantId: number;
  createdAt: string;
  updatedAt: string;
}

export interface Snippet {
  source: string;
  content: string;
  score: number;
  article_id: number;
  title: string;
  chunk_id: string;
  metadata?: { retrieval_method?: string; engine?: string; keyword_matches?: number; rrf?: number };
  ranks?: { bm25: number | null; vector: number | null };
}
export interface RetrieveResponse {
  snippets: Snippet[];
  metadata: { query_time_ms: number; hybrid: boolean; tenant_id: number; index_empty?: boolean };
}

export interface Patient {
  id: number;
  fullName: string;
  email: string | null;
  phoneNumber: string | null;
  tenantId: number;
}

export type AppointmentStatus = 'confirmed' | 'checked_in' | 'in_room' | 'completed' | 'cancelled';
export interface Appointment {
  id: number;
  startTime: string; // YYYY-MM-DDTHH:MM:SS
  endTime: string;
  providerName: string;
  status: AppointmentStatus;
  reason: string;
  patientId: number;
  tenantId: number;
}

export interface AppointmentFilter {
  tenant_id?: number;
  date_from?: string;
  date_to?: string;
  patient_id?: number;
  status?: string;
  provider_name?: string;
  limit?: number;
}

export interface NewAppointment {
  patient_id: number;
  provider_name?: string;
  reason?: string;
  date?: string;
  start_time?: string;
  duration_minutes?: number;
}

export interface Staff {
  id: number;
  fullName: string;
  email: string;
  role: 'reception' | 'nurse' | 'doctor' | 'scheduler' | 'admin' | string;
  tenantId: number;
}

export interface ConversationTurn {
  id: number;
  conversationId?: number;
  sessionId: string;
  prompt: string;
  response: string;
  createdAt: string | null;
}

// Prescriptions, refill requests and staff tasks are new routes; their objects are read defensively
// (camelCase or snake_case) so the UI keeps working while the routes settle.
export type Loose = Record<string, unknown>;

export interface PipelineRequest {
  prompt: string;
  session_id?: string;
  patient_id?: number;
  user_id?: string;
  channel?: 'text' | 'voice';
}

export interface PipelineStep {
  name: string;
  status: string;
  input?: unknown;
  output?: unknown;
  error_message?: string | null;
  start_time?: number | null;
  end_time?: number | null;
}

export interface PipelineResult {
  session_id: string;
  final_response: string;
  steps?: PipelineStep[];
  intent?: string;
  confidence?: number;
  escalated?: boolean;
  escalation_type?: string;
  citations?: Array<{ source: string; title: string; article_id: string | number }>;
  cached?: boolean;
}

// One NDJSON line of POST /api/v1/orchestration/pipelines/stream.
export type StreamEvent =
  | { event: 'status'; message: string }
  | { event: 'text_delta'; delta: string }
  | ({ event: 'done' } & Partial<PipelineResult> & { final_response: string })
  | { event: 'error'; message: string };
