import { useTranslation } from 'react-i18next';

/** A password the server generated, shown this once (kept only in this component's state). */
export function OncePassword({ username, password, onDone }: { username: string; password: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--ok once-password" role="status">
      <p>{t('admin.passwordOnce', { username })}</p>
      <p>
        <code className="once-password__value" aria-label={t('admin.passwordLabel')}>
          {password}
        </code>
      </p>
      <p className="muted">{t('admin.passwordHint')}</p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('admin.passwordNoted')}
      </button>
    </div>
  );
}
