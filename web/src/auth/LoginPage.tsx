import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { SessionInfo } from '../api/types';
import { ErrorSummary, FormErrorsProvider, TextField } from '../components/form';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { usePageTitle } from '../components/ui';
import { useAcceptSession } from './session';

export function LoginPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('login.title'));
  const accept = useAcceptSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username: username.trim(), password };
      if (step === 'totp') body.totp = totp.trim();
      const s = await api<SessionInfo>('/api/v1/session', { method: 'POST', body, noReauth: true });
      setPassword('');
      accept(s);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setStep('totp');
        setError(null);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <div className="login__top">
        <span className="header__brand">Lindungi</span>
        <LanguageSwitch onChange={(l) => void i18n.changeLanguage(l)} />
      </div>
      <main id="main" className="login__card">
        <h1>{step === 'password' ? t('login.title') : t('login.totpTitle')}</h1>
        <p className="lead">{step === 'password' ? t('login.intro') : t('login.totpIntro')}</p>
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            {step === 'password' ? (
              <>
                <TextField
                  name="username"
                  label={t('login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  autoFocus
                />
                <TextField
                  name="password"
                  type="password"
                  label={t('login.password')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </>
            ) : (
              <TextField
                name="totp"
                label={t('login.totpCode')}
                hint={t('login.totpHint')}
                autoComplete="one-time-code"
                inputMode="text"
                className="input--short"
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
                autoFocus
              />
            )}
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('login.submit')}
              </button>
              {step === 'totp' && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setStep('password');
                    setTotp('');
                    setError(null);
                  }}
                >
                  {t('common.back')}
                </button>
              )}
            </div>
          </form>
        </FormErrorsProvider>
        <p className="login__note">{t('login.sharedPc')}</p>
      </main>
    </div>
  );
}
