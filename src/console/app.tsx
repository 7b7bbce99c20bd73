/**
 * The console's shell: signing in (an API key kept for this tab, or none with AUTH=off), the role it holds, and the
 * pages (hash routes, so the server serves one file). What a role may not do is not offered.
 */
import { FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, closeSocket, request, session } from './api/client';
import { ConsoleWhoamiDocument } from './generated/graphql';
import { SegmentsPage } from './pages/segments-page';
import { ModelsPage } from './pages/models-page';
import { ComparePage } from './pages/compare-page';
import { CustomerPage } from './pages/customer-page';

export type Role = 'viewer' | 'analyst' | 'admin';
export interface Me {
  name: string;
  role: Role;
}

/** The pages, and the roles they are offered to (comparisons, migrations and leaderboards need analyst). */
const PAGES = [
  { route: 'segments', title: 'Segments', roles: ['viewer', 'analyst', 'admin'] },
  { route: 'models', title: 'Models and runs', roles: ['viewer', 'analyst', 'admin'] },
  { route: 'compare', title: 'Compare', roles: ['analyst', 'admin'] },
  { route: 'customer', title: 'Customer', roles: ['viewer', 'analyst', 'admin'] },
] as const;
type Route = (typeof PAGES)[number]['route'];

function currentRoute(): Route {
  const route = location.hash.replace(/^#\/?/, '').split('?')[0];
  return (PAGES.find((p) => p.route === route)?.route ?? 'segments') as Route;
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(currentRoute());

  const check = useCallback(async () => {
    setChecking(true);
    // Only a key the user gave can be "not accepted": a first visit without one just shows the form.
    const sentKey = session.key() !== null;
    try {
      // With AUTH=off the server answers without a key; otherwise the tab's key, if any.
      const data = await request(ConsoleWhoamiDocument);
      setMe({ name: data.whoami.name, role: data.whoami.role.toLowerCase() as Role });
      setError(null);
    } catch (err) {
      setMe(null);
      // Only a refused key is forgotten: a server restarting or a network error keeps it for the next try.
      const refused = err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN');
      if (refused && session.key()) session.clear();
      if (sentKey) setError(signInMessage(err));
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    void check();
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [check]);

  const signIn = async (key: string) => {
    closeSocket();
    session.set(key.trim());
    await check();
  };
  const signOut = () => {
    session.clear();
    closeSocket();
    setMe(null);
  };

  if (checking && !me) return <main className="centre"><p>Connecting…</p></main>;
  if (!me) return <SignIn onSubmit={signIn} error={error} />;
  return (
    <>
      <header className="top">
        <span className="brand">segmentql</span>
        <nav aria-label="Console pages">
          {PAGES.filter((p) => (p.roles as readonly Role[]).includes(me.role)).map((p) => (
            <a key={p.route} href={`#/${p.route}`} aria-current={route === p.route ? 'page' : undefined}>
              {p.title}
            </a>
          ))}
          <a href="/graphiql">GraphiQL</a>
        </nav>
        <span className="who" data-testid="whoami">
          {me.name} · {me.role}
        </span>
        {session.key() && (
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main>
        {route === 'segments' && <SegmentsPage me={me} />}
        {route === 'models' && <ModelsPage me={me} />}
        {route === 'compare' && me.role !== 'viewer' && <ComparePage me={me} />}
        {route === 'compare' && me.role === 'viewer' && <p>Comparing versions needs the analyst role.</p>}
        {route === 'customer' && <CustomerPage me={me} />}
      </main>
    </>
  );
}

function signInMessage(err: unknown): string {
  if (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) return 'That API key was not accepted: it is unknown or was revoked. Check it and try again.';
  if (err instanceof ApiError && err.code === 'RATE_LIMITED') return `Too many attempts: ${err.message}`;
  return `Could not reach the server: ${err instanceof Error ? err.message : String(err)}`;
}

function SignIn(props: { onSubmit(key: string): Promise<void>; error: string | null }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!key.trim()) return;
    setBusy(true);
    await props.onSubmit(key);
    setBusy(false);
  };
  return (
    <main className="centre">
      <form className="card sign-in" onSubmit={submit}>
        <h1>segmentql console</h1>
        <p>Paste an API key: the server printed an admin key at its first start (`npx segmentql keys create --role viewer` makes more). It is kept for this tab only.</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="sq_…" />
        {props.error && (
          <p role="alert" className="error" data-testid="sign-in-error">
            {props.error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
