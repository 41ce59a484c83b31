import { useEffect, type ReactNode } from 'react';
import { useAuth } from './auth';
import { Button } from './components';
import { Link, useRouter } from './router';

export interface NavItem {
  to: string;
  label: string;
}

// Page frame: skip link, header with the signed-in account, navigation, main landmark.
export function Shell({ appName, nav, children, accent }: { appName: string; nav: NavItem[]; children: ReactNode; accent?: string }) {
  const { session, logout } = useAuth();
  const { path } = useRouter();
  useEffect(() => {
    const item = nav.find((n) => n.to === path) ?? nav.find((n) => n.to !== '/' && path.startsWith(n.to));
    document.title = `${item ? `${item.label} · ` : ''}${appName}`;
  }, [path, nav, appName]);
  return (
    <div className={`shell ${accent ?? ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          AURIXA <span className="brand-app">{appName}</span>
        </span>
        <span className="account">
          <span className="account-name" data-testid="account">
            {session.email}
          </span>
          <span className="badge badge-info">{session.role.replace('_', ' ')}</span>
          <Button variant="secondary" onClick={logout}>
            Sign out
          </Button>
        </span>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <Link to={n.to}>{n.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="content">
          {children}
        </main>
      </div>
    </div>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p className="intro">{intro}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
