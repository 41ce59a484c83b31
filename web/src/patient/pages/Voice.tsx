// Voice chat over the gateway's /ws/voice WebSocket: a recording (MediaRecorder, WebM/Opus) is sent whole as
// {"type":"audio"}; typed text as {"type":"text"}. Replies arrive as transcript / text_delta / audio / text events;
// audio clips (one per sentence) are queued and played one after another through Blob URLs (the page's CSP allows
// blob: media). A turn is over when its final `text` (or an `error`) has arrived and every clip has been played: a
// text-only answer such as "I couldn't transcribe that" settles at once, and a turn the server never answers
// settles after REPLY_TIMEOUT_MS with a message instead of "processing" for ever.
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

// No reply event for this long after sending a turn (or since the last event of it): give up waiting.
export const REPLY_TIMEOUT_MS = 90_000;

interface Clip {
  data: string;
  mime: string;
}

// Plays one clip; calls onEnd exactly once (ended, failed or stopped). Returns a function that stops it.
function playBase64(clip: Clip, onEnd: () => void): () => void {
  const bin = atob(clip.data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: clip.mime }));
  const audio = new Audio(url);
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    URL.revokeObjectURL(url);
    onEnd();
  };
  audio.onended = finish;
  audio.onerror = finish;
  Promise.resolve()
    .then(() => audio.play())
    .catch(finish);
  return () => {
    audio.pause();
    finish();
  };
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
  // The turn in flight: sent, and its final text/error not received yet. Clips wait in `clips`; `stopClip` stops
  // the one playing (null when none is).
  const turnOpen = useRef(false);
  const clips = useRef<Clip[]>([]);
  const stopClip = useRef<(() => void) | null>(null);
  const replyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Idle once the answer is complete and nothing is left to play.
  const settle = () => {
    if (!turnOpen.current && !stopClip.current && clips.current.length === 0) setStatus('idle');
  };
  const endTurn = () => {
    turnOpen.current = false;
    clearTimeout(replyTimer.current);
    settle();
  };
  // (Re)arms the wait for the server while a turn is open.
  const armReplyTimer = () => {
    clearTimeout(replyTimer.current);
    replyTimer.current = setTimeout(() => {
      if (!turnOpen.current) return;
      setError('No answer from the voice service. Try again, or type your message below.');
      endTurn();
    }, REPLY_TIMEOUT_MS);
  };
  const stopPlayback = () => {
    clips.current = [];
    stopClip.current?.();
  };
  useEffect(() => () => clearTimeout(replyTimer.current), []);

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
    const playNext = () => {
      if (stopClip.current) return;
      const clip = clips.current.shift();
      if (!clip) {
        if (sock.readyState === WebSocket.OPEN) sock.send(JSON.stringify({ type: 'playback_done' }));
        settle();
        return;
      }
      setStatus('speaking');
      stopClip.current = playBase64(clip, () => {
        stopClip.current = null;
        playNext();
      });
    };
    sock.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      if (turnOpen.current) armReplyTimer();
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
        endTurn();
      } else if (type === 'audio' && typeof e.data === 'string') {
        if (playAloudRef.current && e.data) {
          clips.current.push({ data: e.data, mime: String(e.mime ?? 'audio/wav') });
          playNext();
        }
      } else if (type === 'barge_in') {
        stopPlayback();
      } else if (type === 'error') {
        setError(text || 'Something went wrong.');
        endTurn();
      } else if (type === 'status' && /process|think|generat/i.test(text) && !stopClip.current) setStatus('processing');
    };
    return () => {
      stopPlayback();
      turnOpen.current = false;
      sock.close();
    };
    // The helpers used above only touch refs and state setters, so they need not be dependencies.
  }, [client, session.patient_id, connection]);

  // Sends a turn; returns whether it went out (the socket may have closed meanwhile).
  const sendTurn = (o: object): boolean => {
    if (ws.current?.readyState !== WebSocket.OPEN) {
      setError('The voice connection is not open. Reconnect, then try again.');
      setStatus((s) => (s === 'closed' ? s : 'idle'));
      return false;
    }
    stopPlayback();
    replying.current = false;
    turnOpen.current = true;
    armReplyTimer();
    setStatus('processing');
    ws.current.send(JSON.stringify({ ...o, want_tts: playAloudRef.current }));
    return true;
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
        recorder.current = null;
        const blob = new Blob(chunks, { type: mime });
        if (blob.size === 0) {
          setError('Nothing was recorded. Try again, or type your message below.');
          setStatus('idle');
          return;
        }
        sendTurn({ type: 'audio', data: toBase64(await blob.arrayBuffer()), format: 'webm' });
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
    if (!sendTurn({ type: 'text', content: draft.trim() })) return;
    setLines((l) => [...l, { who: 'you', text: draft.trim() }]);
    setDraft('');
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
