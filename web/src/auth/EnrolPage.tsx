import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { api } from '../api/client';
import { ErrorSummary, FormErrorsProvider, TextField } from '../components/form';
import { Notice, usePageTitle } from '../components/ui';
import { SESSION_KEY } from './session';

interface Secret {
  secret: string;
  otpauth_uri: string;
}

/** Two-step log-in: scan the QR code, confirm a code, note the recovery codes (shown once). */
export default function EnrolPage({ required }: { required?: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('enrol.title'));
  const qc = useQueryClient();
  const [secret, setSecret] = useState<Secret | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const s = await api<Secret>('/api/v1/session/totp', { method: 'POST', body: {} });
      setSecret(s);
      const svg = await QRCode.toString(s.otpauth_uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      // An <img> from a data: URL: allowed by the CSP (img-src 'self' data:), no inline style.
      setQr('data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    return () => {
      setSecret(null);
    };
  }, []);

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ recovery_codes: string[] }>('/api/v1/session/totp/confirm', {
        method: 'POST',
        body: { code: code.trim() },
      });
      setCodes(r.recovery_codes);
      setSecret(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page page--narrow">
      <h1>{t('enrol.title')}</h1>
      {required && <Notice tone="warn">{t('enrol.required')}</Notice>}
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        {codes ? (
          <>
            <Notice tone="ok">{t('enrol.done')}</Notice>
            <h2>{t('enrol.recoveryTitle')}</h2>
            <p>{t('enrol.recoveryBody')}</p>
            <ul className="recovery-codes">
              {codes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button"
              onClick={() => {
                setCodes(null);
                void qc.invalidateQueries({ queryKey: SESSION_KEY });
              }}
            >
              {t('enrol.saved')}
            </button>
          </>
        ) : !secret ? (
          <>
            <p>{t('enrol.intro')}</p>
            <button type="button" className="button" onClick={() => void start()} disabled={busy}>
              {t('enrol.start')}
            </button>
          </>
        ) : (
          <form onSubmit={confirm} noValidate>
            <ol className="steps-list">
              <li>{t('enrol.scan')}</li>
              <li>{t('enrol.enterCode')}</li>
            </ol>
            {qr && <img className="qr" src={qr} alt={t('enrol.qrAlt')} width={220} height={220} />}
            <p>
              {t('enrol.manual')} <code className="secret">{secret.secret}</code>
            </p>
            <TextField
              name="code"
              label={t('login.totpCode')}
              autoComplete="one-time-code"
              inputMode="numeric"
              className="input--short"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy}>
              {t('enrol.confirm')}
            </button>
          </form>
        )}
      </FormErrorsProvider>
    </section>
  );
}
