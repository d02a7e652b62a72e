import { useEffect, type ReactNode } from 'react';
import { Loading, ProblemBox } from './components/common.js';
import { href, navigate, useRoute, type Route } from './lib/router.js';
import { useSession } from './lib/session.js';
import { AdminPage } from './pages/AdminPage.js';
import { ChipPage } from './pages/ChipPage.js';
import { ChipsPage } from './pages/ChipsPage.js';
import { CheckPage } from './pages/CheckPage.js';
import { LedgerPage } from './pages/LedgerPage.js';
import { ScreenPage } from './pages/ScreenPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { TimelinePage } from './pages/TimelinePage.js';

const SECTIONS = [
  { path: 'chips', label: 'Chips' },
  { path: 'check', label: 'Check' },
  { path: 'screen', label: 'Screen' },
  { path: 'timeline', label: 'Timeline' },
  { path: 'ledger', label: 'Ledger' },
  { path: 'admin', label: 'Admin' },
] as const;

function page(route: Route): { title: string; body: ReactNode } {
  const [section = 'chips', id] = route.segments;
  switch (section) {
    case 'chips':
      return id ? { title: id, body: <ChipPage key={id} id={id} route={route} /> } : { title: 'Chips', body: <ChipsPage route={route} /> };
    case 'check':
      return { title: 'Check an order', body: <CheckPage route={route} /> };
    case 'screen':
      return { title: 'Screen', body: <ScreenPage route={route} /> };
    case 'timeline':
      return { title: 'Timeline', body: <TimelinePage route={route} /> };
    case 'ledger':
      return { title: 'Ledger', body: <LedgerPage route={route} /> };
    case 'admin':
      return { title: 'Admin', body: <AdminPage /> };
    case 'signin':
      return { title: 'Sign in', body: <Loading what="the chips" /> };
    default:
      return {
        title: 'Not found',
        body: (
          <div className="problem" role="alert">
            <strong>No such page</strong>
            <p>
              Nothing lives at <code>#/{route.segments.join('/')}</code>. <a href={href('chips')}>Go to the chips</a>.
            </p>
          </div>
        ),
      };
  }
}

function Header({ current }: { current: string }) {
  const { session, signOut } = useSession();
  return (
    <header className="app-header">
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <a className="brand" href={href('chips')}>
        chiplaw
      </a>
      {session.status === 'signed_in' ? (
        <>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.map((s) => (
                <li key={s.path}>
                  <a href={href(s.path)} aria-current={current === s.path ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="who">
            <span className={`badge role-${session.me.role}`} data-testid="role" title={session.me.label ?? undefined}>
              {session.me.role}
            </span>
            <button type="button" className="link-button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </>
      ) : null}
    </header>
  );
}

export function App() {
  const route = useRoute();
  const { session } = useSession();
  const section = route.segments[0] ?? 'chips';
  const token = section === 'signin' ? route.query.get('token') : null;
  const { title, body } = page(route);

  useEffect(() => {
    document.title = session.status === 'signed_in' ? `${title} · chiplaw` : 'Sign in · chiplaw';
  }, [title, session.status]);
  // Signed in already and no token to spend: the sign-in page has nothing to do.
  const signedIn = session.status === 'signed_in';
  useEffect(() => {
    if (section === 'signin' && !token && signedIn) navigate(href('chips'), { replace: true });
  }, [section, token, signedIn]);

  let main: ReactNode;
  if (token) main = <SignInPage token={token} />;
  else if (session.status === 'checking') main = <Loading what="your session" />;
  else if (session.status === 'unreachable') main = <ProblemBox error={session.error} action={<button onClick={() => window.location.reload()}>Try again</button>} />;
  else if (session.status === 'signed_out') main = <SignInPage token={null} {...(session.reason ? { reason: session.reason } : {})} />;
  else main = body;

  return (
    <>
      <Header current={section} />
      <main id="main" tabIndex={-1}>
        {main}
      </main>
    </>
  );
}
