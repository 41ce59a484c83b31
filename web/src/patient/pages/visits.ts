import type { Appointment } from '../../api/types';

// Upcoming = confirmed or checked in, starting in the future (soonest first); past = everything else (newest first).
export function splitVisits(all: Appointment[], now = new Date()): { upcoming: Appointment[]; past: Appointment[] } {
  const upcoming: Appointment[] = [];
  const past: Appointment[] = [];
  for (const a of all) {
    const start = new Date(a.startTime);
    if ((a.status === 'confirmed' || a.status === 'checked_in') && start.getTime() >= now.getTime()) upcoming.push(a);
    else past.push(a);
  }
  upcoming.sort((a, b) => a.startTime.localeCompare(b.startTime));
  past.sort((a, b) => b.startTime.localeCompare(a.startTime));
  return { upcoming, past };
}

export function canCancel(a: Appointment, now = new Date()): boolean {
  return a.status === 'confirmed' && new Date(a.startTime).getTime() > now.getTime();
}
