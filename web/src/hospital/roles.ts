// What each staff role sees in the hospital portal. The gateway enforces the same limits (permissions.cpp);
// this only decides which views and buttons to show.
import type { Role } from '../api/types';
import type { NavItem } from '../ui/shell';

export type StaffRole = Extract<Role, 'tenant_admin' | 'doctor' | 'nurse' | 'reception' | 'scheduler'>;
export const staffRoles: StaffRole[] = ['tenant_admin', 'doctor', 'nurse', 'reception', 'scheduler'];

const all: Record<string, NavItem> = {
  today: { to: '/', label: 'Today' },
  schedule: { to: '/schedule', label: 'Schedule' },
  tasks: { to: '/tasks', label: 'Escalations & tasks' },
  patients: { to: '/patients', label: 'Patients' },
  availability: { to: '/availability', label: 'Availability' },
  staff: { to: '/staff', label: 'Staff' },
  chat: { to: '/chat', label: 'Assistant' },
};

export function navFor(role: Role): NavItem[] {
  const pick = (...k: string[]) => k.map((x) => all[x]);
  switch (role) {
    case 'reception':
      return pick('today', 'schedule', 'patients', 'availability', 'chat');
    case 'nurse':
      return pick('today', 'tasks', 'schedule', 'patients', 'chat');
    case 'doctor':
      return pick('today', 'schedule', 'patients', 'tasks', 'chat');
    case 'scheduler':
      return pick('today', 'availability', 'schedule', 'patients', 'chat');
    default:
      return pick('today', 'staff', 'schedule', 'tasks', 'patients', 'availability', 'chat');
  }
}

// Appointment status changes (check-in, room, complete, cancel) and booking.
export const canManageVisits = (role: Role) => role === 'reception' || role === 'scheduler' || role === 'tenant_admin';
