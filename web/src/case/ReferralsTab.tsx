import { useTranslation } from 'react-i18next';
import { useT } from '../api/hooks';
import { Badge } from '../components/ui';
import { formatDateTime } from '../lib/time';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

interface Referral {
  referral_id?: string;
  id?: string;
  partner_id: string;
  partner_name?: string;
  client_id: string;
  services?: string[];
  urgency?: string;
  status: string;
  sent_at?: string;
  updated_at?: string;
}

/** The referrals of the case to partner organisations, with where each stands. */
export default function ReferralsTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const byId = new Map((c.people ?? []).map((p) => [p.person_id, p]));
  const referrals = (c.referrals ?? []) as unknown as Referral[];
  return (
    <>
      <h2>{t('referrals.title')}</h2>
      <p className="muted">{t('referrals.intro')}</p>
      {referrals.length === 0 ? (
        <p className="muted">{t('referrals.none')}</p>
      ) : (
        <ul className="event-list">
          {referrals.map((r) => (
            <li key={r.referral_id ?? r.id}>
              <div>
                <Badge tone={r.status === 'rejected' ? 'danger' : r.status === 'accepted' ? 'ok' : 'info'}>
                  {t(`referrals.status.${r.status}`, { defaultValue: r.status })}
                </Badge>
                <div className="muted">{formatDateTime(r.sent_at, tz, tt)}</div>
              </div>
              <div>
                <div>
                  {t('referrals.partner')}: <strong>{r.partner_name ?? r.partner_id}</strong>
                </div>
                <div>
                  {t('consent.about')}: {personLabel(byId.get(r.client_id), t)}
                  {r.urgency === 'urgent' && (
                    <>
                      {' '}
                      <Badge tone="danger">{t('referrals.urgent')}</Badge>
                    </>
                  )}
                </div>
                {r.services && r.services.length > 0 && (
                  <div>
                    {t('work.services')}: {r.services.join(', ')}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
