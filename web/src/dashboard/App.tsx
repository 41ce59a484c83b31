// Operations dashboard (/dashboard): platform and tenant administrators.
import type { AurixaClient } from '../api/client';
import { AuthGate } from '../ui/auth';
import { Router, useRouter } from '../ui/router';
import { Shell, type NavItem } from '../ui/shell';
import { AnalyticsPage } from './pages/Analytics';
import { AuditPage } from './pages/Audit';
import { ConfigPage } from './pages/Config';
import { KnowledgePage } from './pages/Knowledge';
import { OverviewPage } from './pages/Overview';
import { PlaygroundPage } from './pages/Playground';
import { ServicesPage } from './pages/Services';
import { TenantsPage } from './pages/Tenants';

const nav: NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/playground', label: 'Playground' },
  { to: '/services', label: 'Services' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/tenants', label: 'Organizations' },
  { to: '/knowledge', label: 'Knowledge' },
  { to: '/configuration', label: 'Configuration' },
  { to: '/audit', label: 'Audit log' },
];

function Pages() {
  const { path } = useRouter();
  switch (path) {
    case '/playground':
      return <PlaygroundPage />;
    case '/services':
      return <ServicesPage />;
    case '/analytics':
      return <AnalyticsPage />;
    case '/tenants':
      return <TenantsPage />;
    case '/knowledge':
      return <KnowledgePage />;
    case '/configuration':
      return <ConfigPage />;
    case '/audit':
      return <AuditPage />;
    default:
      return <OverviewPage />;
  }
}

export function DashboardApp({ client }: { client: AurixaClient }) {
  return (
    <Router base="/dashboard">
      <AuthGate
        client={client}
        appName="Operations dashboard"
        allowedRoles={['platform_admin', 'tenant_admin']}
        demoAccounts={[
          { email: 'admin@aurixa.io', label: 'Platform administrator' },
          { email: 'admin@generalhospital.com', label: 'Tenant administrator (General Hospital)' },
        ]}
      >
        <Shell appName="Operations" nav={nav}>
          <Pages />
        </Shell>
      </AuthGate>
    </Router>
  );
}
