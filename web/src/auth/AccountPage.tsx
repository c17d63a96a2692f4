import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, TextField } from '../components/form';
import type { Language } from '../i18n';
import { Loading, Notice, PageError, usePageTitle } from '../components/ui';
import { useT, useUnits } from '../api/hooks';
import { DEFAULT_TZ, formatShortDateTime, zoneLabel } from '../lib/time';
import { SESSION_KEY, useSession } from './session';

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('account.title'));
  const { user, logout, setLanguage } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function change(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    if (next !== again) {
      setLocal({ new_password_again: t('account.mismatch') });
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      await api('/api/v1/session/password', {
        method: 'PUT',
        body: { current_password: current, new_password: next },
      });
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page page--narrow">
      <h1>{t('account.title')}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{user.display_name}</dd>
        </div>
        <div>
          <dt>{t('login.username')}</dt>
          <dd>{user.username}</dd>
        </div>
        <div>
          <dt>{t('account.roles')}</dt>
          <dd>{[...new Set(user.roles.map((r) => t(`role.${r.role}`)))].join(', ')}</dd>
        </div>
      </dl>

      <h2>{t('account.passwordTitle')}</h2>
      {done && <Notice tone="ok">{t('account.passwordChanged')}</Notice>}
      <FormErrorsProvider value={{ error, local }}>
        <ErrorSummary error={error} local={local} />
        <form onSubmit={change} noValidate>
          <TextField
            name="current_password"
            type="password"
            label={t('account.current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <TextField
            name="new_password"
            type="password"
            label={t('account.new')}
            hint={t('account.newHint')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <TextField
            name="new_password_again"
            type="password"
            label={t('account.again')}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('account.changePassword')}
          </button>
        </form>
      </FormErrorsProvider>

      <h2>{t('account.twoStepTitle')}</h2>
      <TwoStep />

      <h2>{t('account.languageTitle')}</h2>
      <ChoiceGroup
        name="language"
        legend={t('account.languageLegend')}
        inline
        options={[
          { value: 'id', label: <span lang="id">Bahasa Indonesia</span> },
          { value: 'en', label: <span lang="en">English</span> },
        ]}
        value={i18n.language === 'en' ? 'en' : 'id'}
        onChange={(v) => void setLanguage(v as Language)}
      />

      <h2>{t('account.logoutTitle')}</h2>
      <MySessions />
      <p>{t('account.sessionsBody')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void logout(false).then(() => navigate('/tasks', { replace: true }))}
        >
          {t('account.logoutHere')}
        </button>
        <button
          type="button"
          className="button button--warning"
          onClick={() => void logout(true).then(() => navigate('/tasks', { replace: true }))}
        >
          {t('account.logoutEverywhere')}
        </button>
      </div>
    </section>
  );
}

/** Two-step log-in: on or off; enrol, or turn off with a code unless a unit makes it mandatory. */
function TwoStep() {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [off, setOff] = useState(false);

  async function disable(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api('/api/v1/session/totp/disable', { method: 'POST', body: { code: code.trim() } });
      setCode('');
      setOff(true);
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!user.two_factor_enabled)
    return (
      <>
        {off && <Notice tone="ok">{t('account.twoStepOff')}</Notice>}
        <p>
          <strong>{t('account.twoStepStateOff')}</strong> {t('account.twoStepBody')}
        </p>
        <p>
          <Link to="/account/two-step">{t('account.twoStepLink')}</Link>
        </p>
      </>
    );
  return (
    <>
      <p>
        <strong>{t('account.twoStepStateOn')}</strong> {t('account.recoveryBody')}
      </p>
      {user.two_factor_mandatory ? (
        <p className="muted">{t('account.twoStepMandatory')}</p>
      ) : (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={disable} noValidate>
            <TextField
              name="code"
              label={t('account.disableCode')}
              hint={t('account.disableHint')}
              autoComplete="one-time-code"
              className="input--short"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" className="button button--warning" disabled={busy}>
              {t('account.disable')}
            </button>
          </form>
        </FormErrorsProvider>
      )}
    </>
  );
}

interface MySession {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  current: boolean;
}

/** Where this account is logged in; end one forgotten session without ending the others. */
function MySessions() {
  const { t } = useTranslation();
  const tt = useT();
  const units = useUnits();
  const tz = [...units.values()][0]?.time_zone ?? DEFAULT_TZ;
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['my-sessions'],
    queryFn: () => api<{ items: MySession[] }>('/api/v1/session/sessions'),
  });
  const end = useMutation({
    mutationFn: (id: string) => api(`/api/v1/session/sessions/${id}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  return (
    <>
      {end.isSuccess && <Notice tone="ok">{t('account.sessionEnded')}</Notice>}
      {end.isError && <PageError error={end.error} />}
      <div className="table-wrap">
        <table className="table">
          <caption>{t('account.sessionsCaption', { zone: zoneLabel(tz) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.sessionStarted')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('account.sessionAction')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((s) => (
              <tr key={s.id}>
                <td>
                  {formatShortDateTime(s.created_at, tz, tt)}
                  <div className="muted">
                    {t('account.sessionLastSeen')}: {formatShortDateTime(s.last_seen_at, tz, tt)}
                  </div>
                </td>
                <td>
                  {s.current ? (
                    <strong>{t('account.sessionThis')}</strong>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={end.isPending}
                      onClick={() => end.mutate(s.id)}
                      aria-label={t('account.sessionEnd', { started: formatShortDateTime(s.created_at, tz, tt) })}
                    >
                      {t('account.sessionEndShort')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
