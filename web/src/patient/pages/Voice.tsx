// Voice chat over the gateway's /ws/voice WebSocket: a recording (MediaRecorder, WebM/Opus) is sent whole as
// {"type":"audio"}; typed text as {"type":"text"}. Replies arrive as transcript / text_delta / text / audio events;
// audio is played through a Blob URL (the page's CSP allows blob: media).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAuth } from '../../ui/auth';
import { Banner, Button, Card } from '../../ui/components';
import { PageHeader } from '../../ui/shell';

type Status = 'connecting' | 'idle' | 'listening' | 'processing' | 'speaking' | 'error' | 'closed';

interface Line {
  who: 'you' | 'aurixa';
  text: string;
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function playBase64(data: string, mime: string, onEnd: () => void) {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const audio = new Audio(url);
  audio.onended = () => {
    URL.revokeObjectURL(url);
    onEnd();
  };
  audio.play().catch(onEnd);
}

export function VoicePage() {
  const { client, session } = useAuth();
  const [status, setStatus] = useState<Status>('connecting');
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string>();
  const [playAloud, setPlayAloud] = useState(true);
  const [draft, setDraft] = useState('');
  const [connection, setConnection] = useState(0); // bumped by Reconnect
  const ws = useRef<WebSocket | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const replying = useRef(false);
  const playAloudRef = useRef(playAloud);
  playAloudRef.current = playAloud;

  useEffect(() => {
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const token = client.current?.access_token ?? '';
    const sock = new WebSocket(`${proto}://${window.location.host}/ws/voice?access_token=${encodeURIComponent(token)}`);
    ws.current = sock;
    setStatus('connecting');
    sock.onopen = () => {
      setStatus('idle');
      setError(undefined);
      sock.send(JSON.stringify({ type: 'start', patient_id: session.patient_id, want_tts: true }));
    };
    sock.onclose = () => setStatus((s) => (s === 'error' ? s : 'closed'));
    sock.onerror = () => {
      setStatus('error');
      setError('Voice chat is unavailable right now.');
    };
    sock.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      let e: Record<string, unknown>;
      try {
        e = JSON.parse(m.data) as Record<string, unknown>;
      } catch {
        return;
      }
      const type = String(e.type ?? e.event ?? '');
      const text = String(e.content ?? e.text ?? e.delta ?? e.message ?? '');
      if (type === 'transcript' && e.final) setLines((l) => [...l, { who: 'you', text }]);
      else if (type === 'text_delta') {
        const append = replying.current;
        replying.current = true;
        setLines((l) => (append && l.length ? [...l.slice(0, -1), { who: 'aurixa', text: l[l.length - 1].text + text }] : [...l, { who: 'aurixa', text }]));
      } else if (type === 'text') {
        const replace = replying.current;
        replying.current = false;
        setLines((l) => (replace && l.length ? [...l.slice(0, -1), { who: 'aurixa', text }] : [...l, { who: 'aurixa', text }]));
        if (!playAloudRef.current) setStatus('idle');
      }
      else if (type === 'audio' && typeof e.data === 'string') {
        if (playAloudRef.current) {
          setStatus('speaking');
          playBase64(e.data, String(e.mime ?? 'audio/wav'), () => {
            setStatus('idle');
            sock.send(JSON.stringify({ type: 'playback_done' }));
          });
        }
      } else if (type === 'error') {
        setError(text || 'Something went wrong.');
        setStatus('idle');
      } else if (type === 'status' && /process|think|generat/i.test(text)) setStatus('processing');
    };
    return () => sock.close();
  }, [client, session.patient_id, connection]);

  const send = (o: object) => {
    if (ws.current?.readyState === WebSocket.OPEN) ws.current.send(JSON.stringify({ ...o, want_tts: playAloudRef.current }));
  };

  const toggleRecording = async () => {
    if (recorder.current?.state === 'recording') {
      recorder.current.stop();
      return;
    }
    setError(undefined);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const mime = MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? 'audio/webm;codecs=opus' : 'audio/webm';
      const rec = new MediaRecorder(stream, { mimeType: mime });
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => chunks.push(e.data);
      rec.onstop = async () => {
        stream.getTracks().forEach((t) => t.stop());
        setStatus('processing');
        const buf = await new Blob(chunks, { type: mime }).arrayBuffer();
        send({ type: 'audio', data: toBase64(buf), format: 'webm' });
      };
      recorder.current = rec;
      rec.start();
      setStatus('listening');
    } catch {
      setError('The microphone is not available. Check the browser permission, or type below.');
    }
  };

  const sendText = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    setLines((l) => [...l, { who: 'you', text: draft.trim() }]);
    send({ type: 'text', content: draft.trim() });
    setDraft('');
    setStatus('processing');
  };

  return (
    <>
      <PageHeader title="Speak with AURIXA" intro="Press the button, speak, press again to send." />
      {error ? <Banner kind="error">{error}</Banner> : null}
      {status === 'closed' ? (
        <Banner kind="warning" title="Voice connection closed">
          <span>
            The connection to the voice service ended.{' '}
            <Button variant="secondary" onClick={() => setConnection((c) => c + 1)}>
              Reconnect
            </Button>
          </span>
        </Banner>
      ) : null}
      <Card>
        <div className="page-actions">
          <Button onClick={() => void toggleRecording()} disabled={status === 'connecting' || status === 'closed'} aria-pressed={status === 'listening'}>
            {status === 'listening' ? 'Stop and send' : 'Start speaking'}
          </Button>
          <label>
            <input type="checkbox" checked={playAloud} onChange={(e) => setPlayAloud(e.target.checked)} /> Play replies aloud
          </label>
          <span role="status" aria-live="polite" className="hint" data-testid="voice-status">
            Status: {status}
          </span>
        </div>
      </Card>
      <Card title="Transcript">
        <div className="chat-log" role="log" aria-live="polite">
          {lines.length === 0 ? <p className="empty">Nothing said yet.</p> : null}
          {lines.map((l, i) => (
            <div key={i} className={`bubble bubble-${l.who === 'you' ? 'user' : 'assistant'}`}>
              {l.text}
            </div>
          ))}
        </div>
        <form className="chat-form" onSubmit={sendText} style={{ marginTop: '0.75rem' }}>
          <label htmlFor="voice-text" className="visually-hidden">
            Type instead
          </label>
          <input id="voice-text" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Or type here" />
          <Button type="submit" disabled={!draft.trim() || status === 'closed'}>
            Send
          </Button>
        </form>
      </Card>
    </>
  );
}
