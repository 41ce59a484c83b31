// A very small history-API router: each app lives under a base path (/dashboard, /patient, /hospital) and the
// gateway answers every client-side route with the app's index.html. With --web-ports an app also has a port of
// its own where it lives at "/" (the seed's :3100/:3300/:3400): the base is then empty (see mountedBase).
import { createContext, useCallback, useContext, useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

interface RouterValue {
  base: string;
  path: string; // path below the base, always starting with "/"
  query: URLSearchParams;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function currentPath(base: string): string {
  const p = window.location.pathname;
  const rest = p.startsWith(base) ? p.slice(base.length) : p;
  return rest.startsWith('/') ? rest.replace(/\/+$/, '') || '/' : `/${rest}`.replace(/\/+$/, '') || '/';
}

// The base the page was loaded under: `base` when the URL is below it (the gateway's /dashboard/...), else ""
// (the app at "/" on its own port). Decided once per page load, so links stay on the URL scheme the user came in by.
export function mountedBase(base: string, pathname: string = window.location.pathname): string {
  return pathname === base || pathname.startsWith(`${base}/`) ? base : '';
}

export function Router({ base: prefix, children }: { base: string; children: ReactNode }) {
  const [base] = useState(() => mountedBase(prefix));
  const [loc, setLoc] = useState(() => ({ path: currentPath(base), search: window.location.search }));
  useEffect(() => {
    const onPop = () => setLoc({ path: currentPath(base), search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [base]);
  const navigate = useCallback(
    (to: string, opts?: { replace?: boolean }) => {
      const url = base + (to.startsWith('/') ? to : `/${to}`);
      if (opts?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      const u = new URL(url, window.location.origin);
      setLoc({ path: currentPath(base), search: u.search });
      window.scrollTo?.(0, 0);
    },
    [base],
  );
  return (
    <RouterContext.Provider value={{ base, path: loc.path, query: new URLSearchParams(loc.search), navigate }}>
      {children}
    </RouterContext.Provider>
  );
}

export function useRouter(): RouterValue {
  const r = useContext(RouterContext);
  if (!r) throw new Error('useRouter outside <Router>');
  return r;
}

// Matches "/patients/:id" against the current path; returns the params or null.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) out[ps[i].slice(1)] = decodeURIComponent(xs[i]);
    else if (ps[i] !== xs[i]) return null;
  }
  return out;
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { base, navigate, path } = useRouter();
  const active = path === to || (to !== '/' && path.startsWith(`${to}/`));
  return (
    <a
      href={base + to}
      aria-current={active ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
