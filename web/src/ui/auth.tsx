// Session context shared by the apps: the typed client, the signed-in session, and a login screen with the
// demo accounts of the seeded store.
import { createContext, useContext, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { AurixaClient, type Session } from '../api/client';
import type { Role } from '../api/types';
import { Banner, Button, Field } from './components';
import { useAction } from './hooks';

interface AuthValue {
  client: AurixaClient;
  session: Session;
  logout: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside <AuthGate>');
  return v;
}

export interface DemoAccount {
  email: string;
  label: string;
}

// Shows the login form until a session with an allowed role exists, then renders children with the session.
export function AuthGate({
  client,
  appName,
  allowedRoles,
  demoAccounts,
  children,
}: {
  client: AurixaClient;
  appName: string;
  allowedRoles: Role[];
  demoAccounts: DemoAccount[];
  children: ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(client.current);
  useEffect(() => client.onChange(setSession), [client]);
  if (session && allowedRoles.includes(session.role)) {
    return <AuthContext.Provider value={{ client, session, logout: () => client.logout() }}>{children}</AuthContext.Provider>;
  }
  return (
    <LoginScreen
      client={client}
      appName={appName}
      demoAccounts={demoAccounts}
      denied={session ? `This account (${session.role.replace('_', ' ')}) cannot use the ${appName}.` : undefined}
    />
  );
}

export function LoginScreen({ client, appName, demoAccounts, denied }: { client: AurixaClient; appName: string; demoAccounts: DemoAccount[]; denied?: string }) {
  const [email, setEmail] = useState(demoAccounts[0]?.email ?? '');
  const [password, setPassword] = useState('');
  const { busy, error: failed, run } = useAction();
  const error = failed ?? denied;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => client.login(email.trim(), password), 'Sign-in failed');
  };

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to the {appName}</h1>
        {error ? <Banner kind="error">{error}</Banner> : null}
        <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" busy={busy}>
          Sign in
        </Button>
        {demoAccounts.length ? (
          <div className="demo-accounts">
            <p className="hint">Demo accounts (password “aurixa-demo”):</p>
            <ul>
              {demoAccounts.map((a) => (
                <li key={a.email}>
                  <button type="button" className="link-button" onClick={() => setEmail(a.email)}>
                    {a.label}: {a.email}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </form>
    </main>
  );
}
