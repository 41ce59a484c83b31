// The voice page's turn lifecycle against a scripted WebSocket: it must always come back to "idle" — after a
// text-only answer with "play replies aloud" on (the "couldn't transcribe" reply has no audio), after every queued
// clip has played (one at a time), after an error, and when the server never answers.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../test/fake-server';
import { PatientApp } from './App';
import { REPLY_TIMEOUT_MS } from './pages/Voice';

class FakeSocket {
  static last: FakeSocket | null = null;
  static readonly OPEN = 1;
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  constructor(public url: string) {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(o: object) {
    this.onmessage?.({ data: JSON.stringify(o) });
  }
}

// Audio that "plays" until the test ends it.
class FakeAudio {
  static playing: FakeAudio[] = [];
  onended: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public src: string) {}
  play() {
    FakeAudio.playing.push(this);
    return Promise.resolve();
  }
  pause() {}
  end() {
    FakeAudio.playing = FakeAudio.playing.filter((a) => a !== this);
    this.onended?.();
  }
}

const status = () => screen.getByTestId('voice-status').textContent;
const flush = () => act(async () => {});

async function openVoicePage() {
  window.history.pushState(null, '', '/patient/voice');
  const { client } = fakeClient({}, { role: 'patient', patient_id: 1 });
  render(<PatientApp client={client} />);
  await screen.findByTestId('voice-status');
  const sock = FakeSocket.last!;
  act(() => sock.open());
  expect(status()).toContain('idle');
  return sock;
}

async function say(sock: FakeSocket, text: string) {
  fireEvent.change(screen.getByLabelText('Type instead'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  expect(status()).toContain('processing');
  expect(sock.sent.at(-1)).toMatchObject({ type: 'text', content: text, want_tts: true });
}

describe('voice page', () => {
  beforeEach(() => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('Audio', FakeAudio);
    URL.createObjectURL = () => 'blob:clip';
    URL.revokeObjectURL = () => {};
    FakeAudio.playing = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('settles after a text-only answer even when replies are played aloud', async () => {
    const sock = await openVoicePage();
    await say(sock, 'hello');
    act(() => sock.receive({ type: 'text', content: "I couldn't transcribe that.", done: true }));
    expect(status()).toContain('idle');
    expect(screen.getByText("I couldn't transcribe that.")).toBeTruthy();
  });

  it('plays clips one after another and settles when the last one ends', async () => {
    const sock = await openVoicePage();
    await say(sock, 'opening hours?');
    act(() => {
      sock.receive({ type: 'audio', data: btoa('one'), mime: 'audio/wav', done: false });
      sock.receive({ type: 'audio', data: btoa('two'), mime: 'audio/wav', done: false });
      sock.receive({ type: 'audio', data: '', mime: 'audio/wav', done: true });
      sock.receive({ type: 'text', content: 'We open at 8.', done: true });
    });
    await flush();
    expect(status()).toContain('speaking');
    expect(FakeAudio.playing).toHaveLength(1); // never two at once
    act(() => FakeAudio.playing[0].end());
    await flush();
    expect(FakeAudio.playing).toHaveLength(1);
    expect(status()).toContain('speaking');
    expect(sock.sent.some((m) => m.type === 'playback_done')).toBe(false);
    act(() => FakeAudio.playing[0].end());
    await flush();
    expect(status()).toContain('idle');
    expect(sock.sent.at(-1)).toEqual({ type: 'playback_done' });
  });

  it('stops playing when the server reports a barge-in', async () => {
    const sock = await openVoicePage();
    await say(sock, 'tell me a story');
    act(() => sock.receive({ type: 'audio', data: btoa('one'), mime: 'audio/wav', done: false }));
    await flush();
    expect(status()).toContain('speaking');
    act(() => sock.receive({ type: 'barge_in' }));
    await flush();
    act(() => sock.receive({ type: 'text', content: 'ok', done: true }));
    expect(status()).toContain('idle');
  });

  it('settles with a message on an error and when no answer ever comes', async () => {
    const sock = await openVoicePage();
    await say(sock, 'first');
    act(() => sock.receive({ type: 'error', message: 'model unavailable' }));
    expect(status()).toContain('idle');
    expect(screen.getByRole('alert').textContent).toContain('model unavailable');

    vi.useFakeTimers();
    await say(sock, 'second');
    act(() => sock.receive({ type: 'status', status: 'processing', message: 'Generating response...' }));
    act(() => vi.advanceTimersByTime(REPLY_TIMEOUT_MS - 1));
    expect(status()).toContain('processing');
    act(() => vi.advanceTimersByTime(1));
    expect(status()).toContain('idle');
    expect(screen.getByRole('alert').textContent).toContain('No answer from the voice service');
  });
});
