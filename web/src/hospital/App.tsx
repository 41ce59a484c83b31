// Hospital portal (/hospital): staff views by role.
import type { AurixaClient } from '../api/client';
import { AuthGate } from '../ui/auth';
import { matchPath, Router, useRouter } from '../ui/router';
import { useAuth } from '../ui/auth';
import { Shell } from '../ui/shell';
import { AssistantPage } from './pages/Assistant';
import { AvailabilityPage } from './pages/Availability';
import { PatientDetailPage, PatientsPage } from './pages/Patients';
import { SchedulePage } from './pages/Schedule';
import { StaffPage } from './pages/Staff';
import { TasksPage } from './pages/Tasks';
import { TodayPage } from './pages/Today';
import { navFor, staffRoles } from './roles';

function Pages() {
  const { path } = useRouter();
  const patient = matchPath('/patients/:id', path);
  if (patient) return <PatientDetailPage id={Number(patient.id)} />;
  switch (path) {
    case '/schedule':
      return <SchedulePage />;
    case '/tasks':
      return <TasksPage />;
    case '/patients':
      return <PatientsPage />;
    case '/availability':
      return <AvailabilityPage />;
    case '/staff':
      return <StaffPage />;
    case '/chat':
      return <AssistantPage />;
    default:
      return <TodayPage />;
  }
}

function Portal() {
  const { session } = useAuth();
  return (
    <Shell appName="Hospital portal" nav={navFor(session.role)} accent="hospital">
      <Pages />
    </Shell>
  );
}

export function HospitalApp({ client }: { client: AurixaClient }) {
  return (
    <Router base="/hospital">
      <AuthGate
        client={client}
        appName="Hospital portal"
        allowedRoles={staffRoles}
        demoAccounts={[
          { email: 'sarah.chen@generalhospital.com', label: 'Reception' },
          { email: 'mike.j@generalhospital.com', label: 'Nurse' },
          { email: 'adam.m@generalhospital.com', label: 'Doctor' },
          { email: 'emma.w@generalhospital.com', label: 'Scheduler' },
          { email: 'admin@generalhospital.com', label: 'Administrator' },
          { email: 'staff@downtownclinic.org', label: 'Reception (Downtown Clinic)' },
        ]}
      >
        <Portal />
      </AuthGate>
    </Router>
  );
}
