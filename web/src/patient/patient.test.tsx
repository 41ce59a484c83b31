import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../api/types';
import { fakeClient } from '../test/fake-server';
import { PatientApp } from './App';
import { canCancel, splitVisits } from './pages/visits';

const at = (days: number, status: Appointment['status'] = 'confirmed', id = days + 100): Appointment => {
  const d = new Date(Date.now() + days * 86400_000).toISOString().slice(0, 19);
  return { id, startTime: d, endTime: d, providerName: 'Dr. Adams', status, reason: 'Checkup', patientId: 1, tenantId: 1 };
};

describe('patient visits', () => {
  it('splits upcoming from past and allows cancelling only future confirmed visits', () => {
    const { upcoming, past } = splitVisits([at(3), at(-2, 'completed'), at(1), at(5, 'cancelled')]);
    expect(upcoming.map((a) => a.id)).toEqual([101, 103]);
    expect(past).toHaveLength(2);
    expect(canCancel(at(2))).toBe(true);
    expect(canCancel(at(-1))).toBe(false);
    expect(canCancel(at(2, 'cancelled'))).toBe(false);
  });
});

describe('patient portal', () => {
  it('lists upcoming visits', async () => {
    window.history.pushState(null, '', '/patient/appointments');
    const { client } = fakeClient({ 'GET /api/v1/admin/patients/1/appointments': () => [at(2)] }, { role: 'patient', patient_id: 1 });
    render(<PatientApp client={client} />);
    const list = await screen.findByTestId('upcoming');
    expect(list.textContent).toContain('Dr. Adams');
    expect(screen.getByRole('button', { name: /^Cancel visit/ })).toBeTruthy();
  });

  it('handles missing prescription routes gracefully', async () => {
    window.history.pushState(null, '', '/patient/medications');
    const { client } = fakeClient({}, { role: 'patient', patient_id: 1 });
    render(<PatientApp client={client} />);
    expect(await screen.findByText(/Prescriptions are not available yet/)).toBeTruthy();
    expect(screen.getByText('Refill tracking is not available yet.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
