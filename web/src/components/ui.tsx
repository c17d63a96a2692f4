import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorText } from './form';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** What a user whose roles do not reach a screen sees: the screen's refusal, in words (never an error page). */
export function NotAllowed({ reason }: { reason?: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warn not-allowed" role="status">
      <h2>{t('notAllowed.title')}</h2>
      <p>{reason ?? t('notAllowed.body')}</p>
    </div>
  );
}

/** The API refused the caller's roles (403): "not allowed", not an error. */
export function isNotAllowed(e: unknown): boolean {
  return e instanceof ApiError && e.status === 403 && e.code !== 'csrf_token_invalid';
}

export function PageError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (isNotAllowed(error)) return <NotAllowed reason={text(error)} />;
  return (
    <div className="notice notice--error" role="alert">
      <p>{text(error)}</p>
      {retry && (
        <button type="button" className="button button--secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}

/** Sets the page title: generic words only, never a name or a case's content. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — Lindungi`;
  }, [title]);
}

export function Badge({ tone, children }: { tone?: 'danger' | 'warn' | 'info' | 'ok' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge--${tone ?? 'neutral'}`}>{children}</span>;
}

export function Notice({ tone, children }: { tone?: 'info' | 'ok' | 'error' | 'warn'; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone ?? 'info'}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
