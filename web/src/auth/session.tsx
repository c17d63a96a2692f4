import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken, setReauthHandler } from '../api/client';
import type { SessionInfo, User } from '../api/types';
import type { Language } from '../i18n';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const s = await api<SessionInfo>('/api/v1/session', { noReauth: true });
    setCsrfToken(s.csrf_token);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

interface SessionCtx {
  session: SessionInfo;
  user: User;
  hasRole: (...roles: string[]) => boolean;
  logout: (everywhere?: boolean) => Promise<void>;
  setLanguage: (lng: Language) => Promise<void>;
}

const Ctx = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('useSession outside SessionProvider');
  return c;
}

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: 1,
  });
}

/** Record a fresh login answer: the CSRF token in memory, the session in the cache. */
export function useAcceptSession() {
  const qc = useQueryClient();
  return useCallback(
    (s: SessionInfo) => {
      setCsrfToken(s.csrf_token);
      qc.setQueryData(SESSION_KEY, s);
    },
    [qc],
  );
}

export const SUPERVISOR_ROLES = ['section_head', 'unit_head', 'department_head'];

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  const qc = useQueryClient();
  const { i18n } = useTranslation();

  // The language the user chose last time (kept by the server, never in browser storage).
  useEffect(() => {
    const lng = session.user.language;
    if (lng && lng !== i18n.language) void i18n.changeLanguage(lng);
  }, [session.user.language, i18n]);

  const logout = useCallback(
    async (everywhere = false) => {
      // Requests still in flight meet a 401 from here on: that is no expiry to re-ask for.
      setReauthHandler(null);
      try {
        await api('/api/v1/session', { method: 'DELETE', query: { all: everywhere ? 'true' : undefined }, noReauth: true });
      } catch {
        /* the session may be gone already: log out locally all the same */
      }
      setCsrfToken(null);
      // Every cached answer goes: nothing of the last user stays in memory.
      qc.setQueryData(SESSION_KEY, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    },
    [qc],
  );

  const setLanguage = useCallback(
    async (lng: Language) => {
      await i18n.changeLanguage(lng);
      try {
        await api('/api/v1/session/language', { method: 'PUT', body: { language: lng } });
        qc.setQueryData<SessionInfo | null>(SESSION_KEY, (s) => (s ? { ...s, user: { ...s.user, language: lng } } : s));
      } catch {
        /* an older server without the preference: the choice holds for this page */
      }
    },
    [i18n, qc],
  );

  const value = useMemo<SessionCtx>(
    () => ({
      session,
      user: session.user,
      hasRole: (...roles) => session.user.roles.some((r) => roles.includes(r.role)),
      logout,
      setLanguage,
    }),
    [session, logout, setLanguage],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
