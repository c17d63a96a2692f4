import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { usePageTitle } from './ui';

/** A screen that is not for this account (a unit screen typed by a partner's user, or the
 * partner door typed by a unit's staff): said plainly, with the way back. */
export default function NotAllowedPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('notAllowed.title'));
  const partner = !!user.partner_id;
  return (
    <section className="page page--narrow not-allowed">
      <h1>{t('notAllowed.title')}</h1>
      <p>{partner ? t('notAllowed.partnerBody') : t('notAllowed.staffBody')}</p>
      <p>
        <Link to={partner ? '/referrals' : '/tasks'}>{partner ? t('notAllowed.backPartner') : t('notFound.back')}</Link>
      </p>
    </section>
  );
}
