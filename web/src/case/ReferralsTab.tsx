import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useCategoryOptions, usePartners, useT } from '../api/hooks';
import type { Case, Consent } from '../api/types';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, SelectField, TextArea } from '../components/form';
import { Badge, Notice } from '../components/ui';
import { formatDateTime } from '../lib/time';
import { useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';
import '../styles/work2.css';

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
  /** the partner's answer: a note on accepting, or the reason for rejecting */
  answer?: { note?: string; reason?: string; at?: string } | null;
  /** the partner's report back */
  report?: { report?: string; at?: string } | null;
}

/** The referrals of the case to partner organisations, with where each stands. */
export default function ReferralsTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const byId = new Map((c.people ?? []).map((p) => [p.person_id, p]));
  const referrals = (c.referrals ?? []) as unknown as Referral[];
  const partners = usePartners(c.unit_id);
  const partnerName = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const serviceName = new Map(useCategoryOptions('services').map((o) => [o.value, o.label]));
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <>
      <div className="page__head">
        <h2>{t('referrals.title')}</h2>
        {c.status !== 'closed' && !sending && (
          <button type="button" className="button button--secondary" onClick={() => { setSent(null); setSending(true); }}>
            {t('referralForm.start')}
          </button>
        )}
      </div>
      <p className="muted">{t('referrals.intro')}</p>
      {sent && <Notice tone="ok">{sent}</Notice>}
      {sending && (
        <ReferralForm
          c={c}
          onDone={(msg) => {
            setSending(false);
            setSent(msg);
          }}
        />
      )}
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
                  {t('referrals.partner')}: <strong>{r.partner_name ?? partnerName.get(r.partner_id) ?? r.partner_id}</strong>
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
                    {t('work.services')}: {r.services.map((v) => serviceName.get(v) ?? v).join(', ')}
                  </div>
                )}
                {r.answer && (r.answer.reason || r.answer.note) && (
                  <div className="prewrap">
                    {r.status === 'rejected' ? t('partnerDoor.rejectReason') : t('partnerDoor.acceptNote')}: {r.answer.reason ?? r.answer.note}
                  </div>
                )}
                {r.report?.report && (
                  <div className="prewrap">
                    {t('partnerDoor.reportTitle')} ({formatDateTime(r.report.at, tz, tt)}): {r.report.report}
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

const SHARE = ['name', 'sex', 'age_years', 'birth_date', 'phone', 'address', 'narrative'];

/** Is a consent of this client in force for this scope (and, when named, this partner)? */
function consentInForce(consents: Consent[], client: string, scope: string, partner?: string): boolean {
  return consents.some(
    (k) =>
      k.client_id === client &&
      (k.status ?? (k.given === false ? 'refused' : 'active')) === 'active' &&
      k.given !== false &&
      k.scopes.includes(scope) &&
      (partner === undefined || k.partner_id === partner),
  );
}

/** Sending a referral to a partner of the unit's directory, with the consent checks explained before sending. */
function ReferralForm({ c, onDone }: { c: Case; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(c.id);
  const partners = usePartners(c.unit_id);
  const services = useCategoryOptions('services');
  const clients = (c.people ?? []).filter((p) => p.role === 'client' && p.person_id);
  const consents = (c.consents ?? []) as Consent[];
  const [client, setClient] = useState(clients.length === 1 ? clients[0]!.person_id! : '');
  const [kind, setKind] = useState('');
  const [partner, setPartner] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [urgency, setUrgency] = useState('normal');
  const [reason, setReason] = useState('');
  const [share, setShare] = useState<string[]>([]);
  const [family, setFamily] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const all = partners.data?.items ?? [];
  const kinds = [...new Set(all.map((p) => p.kind))];
  const list = all.filter((p) => !kind || p.kind === kind);
  const person = clients.find((p) => p.person_id === client);
  const needsFamily = !!person && ((person.age_years !== undefined && person.age_years < 18) || person.disability === true);
  const referralOk = !!client && consentInForce(consents, client, 'referral');
  const sharingOk = !!client && !!partner && consentInForce(consents, client, 'data_sharing', partner);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/cases/${c.id}/referrals`, {
        method: 'POST',
        body: {
          partner_id: partner || undefined,
          client_id: client || undefined,
          services: chosen.length ? chosen : undefined,
          urgency,
          reason: reason.trim(),
          share: share.length ? share : undefined,
          family_coordination: family.trim() || undefined,
        },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      invalidate();
      onDone(t('referralForm.sent', { partner: all.find((p) => p.id === partner)?.name ?? '' }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t('referralForm.title')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="client_id"
            label={t('consent.about')}
            empty={t('common.choose')}
            options={clients.map((p) => ({ value: p.person_id!, label: personLabel(p, t) }))}
            value={client}
            onChange={(e) => setClient(e.target.value)}
          />
          {all.length === 0 && partners.isSuccess && <Notice tone="warn">{t('referralForm.noPartners')}</Notice>}
          <div className="form-row">
            <SelectField
              name="partner_kind"
              label={t('referralForm.kind')}
              optional
              empty={t('referralForm.allKinds')}
              options={kinds.map((k) => ({ value: k, label: t(`partnerKind.${k}`, { defaultValue: k }) }))}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                setPartner('');
              }}
            />
            <SelectField
              name="partner_id"
              label={t('referrals.partner')}
              empty={t('common.choose')}
              options={list.map((p) => ({ value: p.id, label: p.area ? `${p.name} — ${p.area}` : p.name }))}
              value={partner}
              onChange={(e) => setPartner(e.target.value)}
            />
          </div>
          <ChoiceGroup
            name="services"
            legend={t('referralForm.services')}
            multiple
            inline
            options={services}
            value={chosen}
            onChange={(v) => setChosen(v as string[])}
          />
          <ChoiceGroup
            name="urgency"
            legend={t('referralForm.urgency')}
            inline
            options={[
              { value: 'normal', label: t('referralForm.normal') },
              { value: 'urgent', label: t('referrals.urgent') },
            ]}
            value={urgency}
            onChange={(v) => setUrgency(v as string)}
          />
          <TextArea name="reason" label={t('referralForm.reason')} hint={t('referralForm.reasonHint')} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />

          <h4>{t('referralForm.checks')}</h4>
          <ul className="checklist">
            <li>
              <span className={'checklist__mark ' + (referralOk ? 'checklist__ok' : 'checklist__missing')} aria-hidden="true">
                {referralOk ? '✓' : '✗'}
              </span>
              <span>
                {t('referralForm.referralConsent')} <span className="visually-hidden">—</span>
                <span className={referralOk ? 'muted' : 'checklist__missing'}>{referralOk ? t('tasks.present') : t('referralForm.referralConsentMissing')}</span>
              </span>
            </li>
            <li>
              <span className={'checklist__mark ' + (sharingOk || share.length === 0 ? 'checklist__ok' : 'checklist__missing')} aria-hidden="true">
                {sharingOk || share.length === 0 ? '✓' : '✗'}
              </span>
              <span>
                {t('referralForm.sharingConsent')} <span className="visually-hidden">—</span>
                <span className={sharingOk || share.length === 0 ? 'muted' : 'checklist__missing'}>
                  {sharingOk ? t('tasks.present') : share.length === 0 ? t('referralForm.nothingShared') : t('referralForm.sharingConsentMissing')}
                </span>
              </span>
            </li>
            {needsFamily && (
              <li>
                <span className={'checklist__mark ' + (family.trim() ? 'checklist__ok' : 'checklist__missing')} aria-hidden="true">
                  {family.trim() ? '✓' : '✗'}
                </span>
                <span>{t('referralForm.familyNeeded')}</span>
              </li>
            )}
          </ul>
          <ChoiceGroup
            name="share"
            legend={t('referralForm.share')}
            hint={t('referralForm.shareHint')}
            multiple
            inline
            options={SHARE.map((f) => ({ value: f, label: t(`referralForm.field.${f}`) }))}
            value={share}
            onChange={(v) => setShare(v as string[])}
          />
          <TextArea
            name="family_coordination"
            label={t('referralForm.family')}
            hint={t('referralForm.familyHint')}
            optional={!needsFamily}
            rows={2}
            value={family}
            onChange={(e) => setFamily(e.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('referralForm.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
