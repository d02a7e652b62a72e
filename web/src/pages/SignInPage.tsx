import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ProblemBox } from '../components/common.js';
import { ApiError } from '../lib/api.js';
import { href, navigate } from '../lib/router.js';
import { useSession } from '../lib/session.js';

/** Exchanges the one-time link's token (`#/signin?token=...`) for an admin key, then opens the Chips page. */
function TokenSignIn({ token }: { token: string }) {
  const { signInWithToken } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  // The token works once: guard against the effect running twice (React's development double render).
  const used = useRef(false);
  useEffect(() => {
    if (used.current) return;
    used.current = true;
    signInWithToken(token).then(
      // Replace the history entry so the spent token does not stay in the back button's reach.
      () => navigate(href('chips'), { replace: true }),
      (e: ApiError) => setError(e),
    );
  }, [token, signInWithToken]);
  if (error) return <ProblemBox error={error} action={<p>Ask for a new sign-in link (restart `chiplaw serve`) or paste an API key below.</p>} />;
  return (
    <p className="loading" role="status">
      Signing in…
    </p>
  );
}

export function SignInPage({ token, reason }: { token: string | null; reason?: string }) {
  const { signInWithKey } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signInWithKey(key.trim());
      if (window.location.hash.startsWith('#/signin') || !window.location.hash) navigate(href('chips'), { replace: true });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="signin">
      <h1>Sign in to chiplaw</h1>
      {reason ? <p className="notice">{reason}</p> : null}
      {token ? <TokenSignIn token={token} /> : null}
      <form className="panel" onSubmit={(e) => void submit(e)} aria-label="Sign in with an API key" data-testid="signin-form">
        <p>
          <code>chiplaw serve</code> prints a one-time link that signs you in as admin. Otherwise paste an API key (an admin creates them on the Admin page or
          with <code>chiplaw keys create --role viewer</code>).
        </p>
        <label>
          API key <input name="key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="chl_…" required size={50} />
        </label>
        <button type="submit" className="primary" disabled={pending || !key.trim()}>
          Sign in
        </button>
      </form>
      {error ? <ProblemBox error={error} /> : null}
    </div>
  );
}
