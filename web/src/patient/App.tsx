// Patient portal (/patient): one patient's conversations, visits, medicines and voice chat.
import type { AurixaClient } from '../api/client';
import { AuthGate } from '../ui/auth';
import { Router, useRouter } from '../ui/router';
import { Shell, type NavItem } from '../ui/shell';
import { AppointmentsPage } from './pages/Appointments';
import { ChatPage } from './pages/Chat';
import { HelpPage } from './pages/Help';
import { HomePage } from './pages/Home';
import { MedicationsPage } from './pages/Medications';
import { VoicePage } from './pages/Voice';

const nav: NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/chat', label: 'Messages' },
  { to: '/appointments', label: 'Visits' },
  { to: '/medications', label: 'Medicines' },
  { to: '/voice', label: 'Voice' },
  { to: '/help', label: 'Help' },
];

function Pages() {
  const { path } = useRouter();
  if (path === '/chat') return <ChatPage />;
  if (path === '/appointments' || path.startsWith('/appointments/')) return <AppointmentsPage />;
  if (path === '/medications') return <MedicationsPage />;
  if (path === '/voice') return <VoicePage />;
  if (path === '/help') return <HelpPage />;
  return <HomePage />;
}

export function PatientApp({ client }: { client: AurixaClient }) {
  return (
    <Router base="/patient">
      <AuthGate
        client={client}
        appName="Patient portal"
        allowedRoles={['patient']}
        demoAccounts={[{ email: 'john.doe@email.com', label: 'Patient John Doe' }]}
      >
        <Shell appName="Patient portal" nav={nav} accent="patient">
          <Pages />
        </Shell>
      </AuthGate>
    </Router>
  );
}
