import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../api/types';
import { todayIso } from '../ui/hooks';
import { fakeClient } from '../test/fake-server';
import { HospitalApp } from './App';
import { daySlots } from './pages/Availability';
import { nextActions, sortQueue } from './pages/visits';
import { navFor } from './roles';

const visit = (id: number, status: Appointment['status'], time: string): Appointment => ({
  id,
  startTime: `${todayIso()}T${time}:00`,
  endTime: `${todayIso()}T${time.slice(0, 3)}30:00`,
  providerName: 'Dr. Adams',
  status,
  reason: 'Checkup',
  patientId: 1,
  tenantId: 1,
});

describe('hospital logic', () => {
  it('offers the lifecycle’s next steps', () => {
    expect(nextActions('confirmed').map((a) => a.to)).toEqual(['checked_in', 'cancelled']);
    expect(nextActions('in_room').map((a) => a.to)).toEqual(['completed']);
    expect(nextActions('completed')).toEqual([]);
  });
  it('orders the queue by stage then time', () => {
    const q = sortQueue([visit(1, 'completed', '08:00'), visit(2, 'confirmed', '10:00'), visit(3, 'in_room', '09:00'), visit(4, 'confirmed', '09:00')]);
    expect(q.map((a) => a.id)).toEqual([3, 4, 2, 1]);
  });
  it('marks booked slots busy', () => {
    const slots = daySlots(todayIso(), [visit(1, 'confirmed', '09:00'), visit(2, 'cancelled', '10:00')]);
    expect(slots.find((s) => s.time === '09:00')?.busy?.id).toBe(1);
    expect(slots.find((s) => s.time === '10:00')?.busy).toBeUndefined();
  });
  it('gives each role its views', () => {
    expect(navFor('nurse').map((n) => n.to)).toContain('/tasks');
    expect(navFor('tenant_admin').map((n) => n.to)).toContain('/staff');
    expect(navFor('reception').map((n) => n.to)).not.toContain('/staff');
  });
});

describe('hospital portal', () => {
  it('lets reception check a patient in', async () => {
    window.history.pushState(null, '', '/hospital');
    let status: Appointment['status'] = 'confirmed';
    const { client, calls } = fakeClient(
      {
        'GET /api/v1/admin/appointments': () => [visit(7, status, '23:59')],
        'GET /api/v1/admin/patients': () => [{ id: 1, fullName: 'John Doe', email: null, phoneNumber: null, tenantId: 1 }],
        'GET /api/v1/admin/staff': () => [{ id: 1, fullName: 'Sarah Chen', email: '', role: 'reception', tenantId: 1 }],
        'PATCH /api/v1/admin/appointments/7': (b) => {
          status = (b as { status: Appointment['status'] }).status;
          return visit(7, status, '23:59');
        },
      },
      { role: 'reception', staff_id: 1, email: 'sarah.chen@generalhospital.com' },
    );
    render(<HospitalApp client={client} />);
    expect(await screen.findByText('Good day, Sarah')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: /^Check in John Doe/ }));
    await waitFor(() => expect(calls.map((c) => c.method + ' ' + c.path).join('\n')).toContain('PATCH'));
    await waitFor(() => expect(screen.getByTestId('visit-table').textContent).toContain('checked in'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ status: 'checked_in' });
  });

  it('shows the nurse an empty queue when the tasks route is missing', async () => {
    window.history.pushState(null, '', '/hospital/tasks');
    const { client } = fakeClient({}, { role: 'nurse', staff_id: 2 });
    render(<HospitalApp client={client} />);
    expect(await screen.findByText('The task queue is not available on this server yet.')).toBeTruthy();
  });
});
