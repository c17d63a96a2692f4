import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './ui';

export default function NotFoundPage({ what }: { what: string }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { what })}</p>
      <p>
        <Link to="/tasks">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}
