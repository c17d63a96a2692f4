import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorSummary, FormErrorsProvider, TextField } from '../components/form';
import { Notice, usePageTitle } from '../components/ui';
import { useSession } from './session';

export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const { user, logout } = useSession();
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
      <p>{t('account.twoStepBody')}</p>
      <p>
        <Link to="/account/two-step">{t('account.twoStepLink')}</Link>
      </p>

      <h2>{t('account.logoutTitle')}</h2>
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
