import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setReauthHandler } from '../api/client';
import type { SessionInfo } from '../api/types';
import { ErrorSummary, FormErrorsProvider, TextField } from '../components/form';
import { useAcceptSession, useSession } from './session';

/**
 * When the session runs out in the middle of work, the request that met the 401 waits here
 * while the user types the password again; the page underneath (and any half-filled form)
 * stays as it is, and the request is sent again once the new session is open.
 */
export function ReauthDialog() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const accept = useAcceptSession();
  const ref = useRef<HTMLDialogElement>(null);
  const waiting = useRef<((ok: boolean) => void)[]>([]);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setReauthHandler(
      () =>
        new Promise<boolean>((resolve) => {
          waiting.current.push(resolve);
          setOpen(true);
        }),
    );
    return () => setReauthHandler(null);
  }, []);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  function finish(ok: boolean) {
    const w = waiting.current;
    waiting.current = [];
    setOpen(false);
    setPassword('');
    setTotp('');
    setNeedTotp(false);
    setError(null);
    for (const r of w) r(ok);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username: user.username, password };
      if (needTotp) body.totp = totp.trim();
      const s = await api<SessionInfo>('/api/v1/session', { method: 'POST', body, noReauth: true });
      accept(s);
      finish(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedTotp(true);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="reauth-title"
      onCancel={(e) => {
        e.preventDefault();
      }}
    >
      {open && (
        <form onSubmit={submit} noValidate>
          <h2 id="reauth-title">{t('reauth.title')}</h2>
          <p>{t('reauth.body')}</p>
          <FormErrorsProvider value={{ error }}>
            <ErrorSummary error={error} />
            <p>
              {t('reauth.user')}: <strong>{user.username}</strong>
            </p>
            <TextField
              name="reauth-password"
              type="password"
              label={t('login.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoFocus
            />
            {needTotp && (
              <TextField
                name="reauth-totp"
                label={t('login.totpCode')}
                hint={t('login.totpHint')}
                aliases={['totp']}
                autoComplete="one-time-code"
                className="input--short"
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
              />
            )}
          </FormErrorsProvider>
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('reauth.submit')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                finish(false);
                void logout();
              }}
            >
              {t('reauth.logout')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
