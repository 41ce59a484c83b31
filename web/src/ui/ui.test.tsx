import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeClient, reply } from '../test/fake-server';
import { AuthGate } from './auth';
import { BarChart, LineChart } from './charts';
import { ChatView, isEmergency, usePipelineChat } from './chat';
import { Link, mountedBase, Router, useRouter } from './router';
import type { AurixaClient } from '../api/client';

describe('charts', () => {
  it('draws one bar per datum with an accessible name and a data table', () => {
    render(<BarChart title="Event volume by type" data={[{ label: 'llm_call', value: 4 }, { label: 'api_call', value: 2 }]} />);
    const img = screen.getByRole('img', { name: 'Event volume by type' });
    expect(img.querySelectorAll('rect')).toHaveLength(2);
    expect(screen.getByRole('table', { name: 'Event volume by type' })).toBeTruthy();
  });

  it('says so when there is no data', () => {
    render(<LineChart title="Escalations over time" series={[{ name: 'escalations', points: [{ t: 1, v: 0 }] }]} />);
    expect(screen.getByText('No data in this window.')).toBeTruthy();
  });

  it('draws a polyline per series', () => {
    render(
      <LineChart
        title="Events"
        series={[
          { name: 'events', points: [{ t: 0, v: 1 }, { t: 60, v: 3 }] },
          { name: 'errors', points: [{ t: 0, v: 0 }, { t: 60, v: 1 }] },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: 'Events' }).querySelectorAll('polyline')).toHaveLength(2);
  });
});

describe('AuthGate', () => {
  it('shows the login form, signs in and renders the app', async () => {
    const { client } = fakeClient({
      'POST /api/v1/auth/login': (b) =>
        (b as { password: string }).password === 'aurixa-demo'
          ? { access_token: 'A', refresh_token: 'R', role: 'patient', tenant_id: 1, patient_id: 1, expires_in: 900, user_id: 'u' }
          : reply(401, { detail: 'Invalid email or password', code: 'unauthorized' }),
    });
    render(
      <AuthGate client={client} appName="Patient portal" allowedRoles={['patient']} demoAccounts={[{ email: 'john.doe@email.com', label: 'John' }]}>
        <p>Inside</p>
      </AuthGate>,
    );
    expect(screen.getByLabelText('Email')).toHaveProperty('value', 'john.doe@email.com');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Invalid email or password');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'aurixa-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Inside')).toBeTruthy();
  });

  it('refuses a role the app is not for', () => {
    const { client } = fakeClient({}, { role: 'patient' });
    render(
      <AuthGate client={client} appName="Operations dashboard" allowedRoles={['platform_admin']} demoAccounts={[]}>
        <p>Inside</p>
      </AuthGate>,
    );
    expect(screen.queryByText('Inside')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('cannot use the Operations dashboard');
  });
});

function Chat({ client }: { client: AurixaClient }) {
  const chat = usePipelineChat(client, { patientId: 1 });
  return <ChatView chat={chat} />;
}

describe('chat', () => {
  it('streams the reply into the log and keeps the session id for the next turn', async () => {
    const { client, calls } = fakeClient(
      {
        'POST /api/v1/orchestration/pipelines/stream': () => ({
          ndjson: [
            { event: 'status', message: 'Generating response...' },
            { event: 'text_delta', delta: 'We open ' },
            { event: 'text_delta', delta: 'at 8.' },
            { event: 'done', final_response: 'We open at 8.', session_id: 'sess-9', escalated: false },
          ],
        }),
      },
      { role: 'patient', patient_id: 1 },
    );
    render(<Chat client={client} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'When do you open?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getAllByTestId('msg-assistant')[0].textContent).toContain('We open at 8.'));
    expect(screen.queryByText('This may be an emergency')).toBeNull();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Thanks' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].body).toMatchObject({ prompt: 'Thanks', session_id: 'sess-9', patient_id: 1 });
  });

  it('shows the emergency banner when the reply is escalated', async () => {
    const { client } = fakeClient(
      {
        'POST /api/v1/orchestration/pipelines/stream': () => ({
          ndjson: [{ event: 'done', final_response: '⚠️ Call 911 now.', session_id: 's', escalated: true, escalation_type: 'emergency' }],
        }),
      },
      { role: 'patient', patient_id: 1 },
    );
    render(<Chat client={client} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'I have crushing chest pain' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('This may be an emergency')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('911');
  });

  it('classifies escalations', () => {
    expect(isEmergency({ escalated: true, escalation_type: 'emergency' })).toBe(true);
    expect(isEmergency({ escalated: true, escalation_type: 'human' })).toBe(false);
    expect(isEmergency({ final_response: '⚠️ This may require immediate attention.' })).toBe(true);
    expect(isEmergency({ escalated: false, final_response: 'ok' })).toBe(false);
  });
});

describe('router base (--web-ports)', () => {
  it('uses the prefix only when the page was loaded under it', () => {
    expect(mountedBase('/patient', '/patient')).toBe('/patient');
    expect(mountedBase('/patient', '/patient/voice')).toBe('/patient');
    expect(mountedBase('/patient', '/')).toBe('');
    expect(mountedBase('/patient', '/voice')).toBe('');
    expect(mountedBase('/patient', '/patients/3')).toBe('');
  });

  it('links and navigation stay at "/" when the app has a port of its own', () => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {}); // jsdom does not implement it
    window.history.pushState(null, '', '/appointments');
    function Here() {
      const { path } = useRouter();
      return (
        <>
          <span data-testid="path">{path}</span>
          <Link to="/help">Help</Link>
        </>
      );
    }
    render(
      <Router base="/patient">
        <Here />
      </Router>,
    );
    expect(screen.getByTestId('path').textContent).toBe('/appointments');
    expect(screen.getByRole('link', { name: 'Help' }).getAttribute('href')).toBe('/help');
    fireEvent.click(screen.getByRole('link', { name: 'Help' }));
    expect(window.location.pathname).toBe('/help');
    expect(screen.getByTestId('path').textContent).toBe('/help');
  });
});
