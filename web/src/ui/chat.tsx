// Streaming conversation shared by the patient chat, the hospital assistant and the dashboard playground:
// one turn = POST /api/v1/orchestration/pipelines/stream; the session id from `done` is kept for the next turn.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AurixaClient } from '../api/client';
import type { PipelineResult, StreamEvent } from '../api/types';
import { Banner, Button } from './components';

export interface ChatMessage {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  pending?: boolean;
  error?: boolean;
  escalated?: boolean;
  escalationType?: string;
  intent?: string;
}

export interface TimelineEntry {
  atMs: number;
  event: StreamEvent['event'];
  label: string;
}

export function isEmergency(r: Partial<PipelineResult>): boolean {
  if (r.escalated) return r.escalation_type !== 'human';
  return typeof r.final_response === 'string' && r.final_response.startsWith('⚠️');
}

export function usePipelineChat(client: AurixaClient, opts: { patientId?: number } = {}) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PipelineResult | null>(null);
  const sessionId = useRef<string | undefined>(undefined);
  const nextId = useRef(1);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const send = useCallback(
    async (prompt: string) => {
      const text = prompt.trim();
      if (!text || busy) return;
      setBusy(true);
      const userId = nextId.current++;
      const botId = nextId.current++;
      setMessages((m) => [...m, { id: userId, role: 'user', text }, { id: botId, role: 'assistant', text: '', pending: true }]);
      setTimeline([]);
      const started = performance.now();
      const update = (f: (m: ChatMessage) => ChatMessage) => setMessages((ms) => ms.map((m) => (m.id === botId ? f(m) : m)));
      const onEvent = (e: StreamEvent) => {
        const atMs = Math.round(performance.now() - started);
        const label =
          e.event === 'status' ? e.message : e.event === 'text_delta' ? 'text' : e.event === 'done' ? 'Done' : `Error: ${e.message}`;
        setTimeline((t) => {
          // Consecutive text deltas collapse into one timeline row.
          if (e.event === 'text_delta' && t.length && t[t.length - 1].event === 'text_delta') return t;
          return [...t, { atMs, event: e.event, label: e.event === 'text_delta' ? 'Streaming reply…' : label }];
        });
        if (e.event === 'text_delta') update((m) => ({ ...m, text: m.text + e.delta }));
      };
      abort.current = new AbortController();
      try {
        const r = await client.streamPipeline(
          { prompt: text, session_id: sessionId.current, patient_id: opts.patientId },
          onEvent,
          abort.current.signal,
        );
        if (r.session_id) sessionId.current = r.session_id;
        setLast(r);
        update((m) => ({
          ...m,
          text: r.final_response || m.text,
          pending: false,
          escalated: isEmergency(r),
          escalationType: r.escalation_type,
          intent: r.intent,
        }));
      } catch (err) {
        update((m) => ({ ...m, pending: false, error: true, text: err instanceof Error ? err.message : 'The assistant failed.' }));
      } finally {
        setBusy(false);
      }
    },
    [busy, client, opts.patientId],
  );

  const reset = useCallback(() => {
    sessionId.current = undefined;
    setMessages([]);
    setTimeline([]);
    setLast(null);
  }, []);

  return { messages, timeline, busy, last, send, reset, sessionId: sessionId.current };
}

export function EmergencyBanner({ type }: { type?: string }) {
  const selfHarm = type === 'suicide_self_harm';
  return (
    <Banner kind="emergency" title="This may be an emergency">
      {selfHarm ? (
        <span>
          If you are thinking about harming yourself, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline) now.
          If you are in immediate danger, call <strong>911</strong>.
        </span>
      ) : (
        <span>
          If you or someone else may be having a medical emergency, call <strong>911</strong> or go to the nearest emergency
          department now. A member of staff has been alerted.
        </span>
      )}
    </Banner>
  );
}

export function ChatView({
  chat,
  placeholder = 'Type your message',
  suggestions = [],
  label = 'Message',
}: {
  chat: ReturnType<typeof usePipelineChat>;
  placeholder?: string;
  suggestions?: string[];
  label?: string;
}) {
  const [draft, setDraft] = useState('');
  const logRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    logRef.current?.scrollTo?.({ top: logRef.current.scrollHeight });
  }, [chat.messages]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void chat.send(draft);
    setDraft('');
  };
  const escalated = [...chat.messages].reverse().find((m) => m.role === 'assistant' && !m.pending);
  return (
    <div className="chat">
      {escalated?.escalated ? <EmergencyBanner type={escalated.escalationType} /> : null}
      <div className="chat-log" ref={logRef} role="log" aria-live="polite" aria-label="Conversation" data-testid="chat-log">
        {chat.messages.length === 0 ? <p className="empty">No messages yet. Ask a question to start.</p> : null}
        {chat.messages.map((m) => (
          <div key={m.id} className={`bubble bubble-${m.role}${m.error ? ' bubble-error' : ''}${m.escalated ? ' bubble-emergency' : ''}`} data-testid={`msg-${m.role}`}>
            <span className="visually-hidden">{m.role === 'user' ? 'You said:' : 'Assistant:'}</span>
            {m.text || (m.pending ? <span className="typing">Thinking…</span> : null)}
          </div>
        ))}
      </div>
      {suggestions.length ? (
        <div className="suggestions" aria-label="Suggested questions">
          {suggestions.map((s) => (
            <button key={s} type="button" className="chip" onClick={() => void chat.send(s)} disabled={chat.busy}>
              {s}
            </button>
          ))}
        </div>
      ) : null}
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {label}
        </label>
        <input
          id="chat-input"
          value={draft}
          maxLength={4000}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          autoComplete="off"
        />
        <Button type="submit" busy={chat.busy} disabled={!draft.trim()}>
          Send
        </Button>
      </form>
    </div>
  );
}
