import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler, storedKey, storeKey } from './api.js';
import type { Me, Role } from './types.js';

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

/** Whether a key with `role` may do what needs `needed` (the server checks again on every call). */
export function hasRole(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed_out'; reason?: string }
  | { status: 'signed_in'; me: Me }
  | { status: 'unreachable'; error: ApiError };

interface SessionApi {
  session: SessionState;
  /** Checks a pasted API key with GET /v1/me and keeps it; throws the server's problem when refused. */
  signInWithKey(key: string): Promise<void>;
  /** Exchanges the one-time sign-in token printed by `chiplaw serve` for an admin key. */
  signInWithToken(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() => (storedKey() ? { status: 'checking' } : { status: 'signed_out' }));

  useEffect(() => {
    setUnauthorizedHandler(() => {
      storeKey(null);
      setSession({ status: 'signed_out', reason: 'The server no longer accepts the stored API key (revoked?). Sign in again.' });
    });
    if (!storedKey()) return;
    api.me().then(
      (me) => setSession({ status: 'signed_in', me }),
      (e: ApiError) => {
        if (e.status === 401) return; // the unauthorized handler has signed out already
        setSession({ status: 'unreachable', error: e });
      },
    );
  }, []);

  const signInWithKey = useCallback(async (key: string) => {
    const me = await api.me(key);
    storeKey(key);
    setSession({ status: 'signed_in', me });
  }, []);

  const signInWithToken = useCallback(async (token: string) => {
    const { key } = await api.signIn(token);
    const me = await api.me(key);
    storeKey(key);
    setSession({ status: 'signed_in', me });
  }, []);

  const signOut = useCallback(() => {
    storeKey(null);
    setSession({ status: 'signed_out' });
  }, []);

  const value = useMemo(() => ({ session, signInWithKey, signInWithToken, signOut }), [session, signInWithKey, signInWithToken, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in caller's role; pages render only when signed in, so this is always defined there. */
export function useRole(): Role | undefined {
  const { session } = useSession();
  return session.status === 'signed_in' ? session.me.role : undefined;
}
