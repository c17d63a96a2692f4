import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { usePartners, useT } from '../api/hooks';
import type { Consent, PersonOut } from '../api/types';
import { Checkbox, ChoiceGroup, ErrorSummary, FormErrorsProvider, SelectField, TextArea } from '../components/form';
import { Badge, Notice } from '../components/ui';
import { formatDateTime } from '../lib/time';
import { useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

export const SCOPES = ['services', 'referral', 'data_sharing', 'outreach', 'mediation', 'termination'];

export default function ConsentTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const people = c.people ?? [];
  const byId = new Map(people.map((p) => [p.person_id, p]));
  const consents = (c.consents ?? []) as Consent[];
  const [adding, setAdding] = useState(false);
  const partners = usePartners(c.unit_id);
  const partnerName = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <div className="page__head">
        <h2>{t('consent.title')}</h2>
        {c.status !== 'closed' && !adding && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setAdding(true); }}>
            {t('consent.add')}
          </button>
        )}
      </div>
      <p className="muted">{t('consent.intro')}</p>
      {saved && <Notice tone="ok">{saved}</Notice>}
      {adding && (
        <ConsentForm
          caseId={c.id}
          unitId={c.unit_id}
          people={people}
          onDone={(msg) => {
            setAdding(false);
            setSaved(msg);
          }}
        />
      )}
      {consents.length === 0 ? (
        <p className="muted">{t('consent.none')}</p>
      ) : (
        <ul className="event-list">
          {consents.map((k) => {
            const id = (k.consent_id ?? k.id) as string;
            // The record says `given` and `status` (active, refused, withdrawn).
            const refused = k.status === 'refused' || k.given === false;
            const active = !refused && k.status === 'active';
            return (
              <li key={id}>
                <div>
                  <Badge tone={refused ? 'danger' : active ? 'ok' : 'neutral'}>
                    {refused ? t('consent.refused') : active ? t('consent.given') : t('consent.withdrawn')}
                  </Badge>
                  <div className="muted">{formatDateTime((k.recorded_at ?? k.at) as string | undefined, tz, tt)}</div>
                </div>
                <div>
                  <div>
                    {t('consent.about')}: <strong>{personLabel(byId.get(k.client_id), t)}</strong> · {t('consent.by')}:{' '}
                    {personLabel(byId.get(k.given_by), t)}
                  </div>
                  <div>
                    {t('consent.scopes')}: {k.scopes.map((s) => t(`consentScope.${s}`, { defaultValue: s })).join(', ')}
                  </div>
                  {k.partner_id && (
                    <div>
                      {t('consentPartner.label')}: {partnerName.get(k.partner_id) ?? '—'}
                    </div>
                  )}
                  {k.signed_statement && <div className="muted">{t('consent.signed')}</div>}
                  {active && c.status !== 'closed' && <Withdraw caseId={c.id} consentId={id} onDone={() => setSaved(t('consent.withdrawnNotice'))} />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function Withdraw({ caseId, consentId, onDone }: { caseId: string; consentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(caseId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open)
    return (
      <button type="button" className="button button--link" onClick={() => setOpen(true)}>
        {t('consent.withdraw')}
      </button>
    );
  return (
    <FormErrorsProvider value={{ error }}>
      <ErrorSummary error={error} />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api(`/api/v1/cases/${caseId}/consents/${consentId}/withdraw`, { method: 'POST', body: { reason } });
            invalidate();
            onDone();
          } catch (err) {
            setError(err);
          }
        }}
        noValidate
      >
        <TextArea name="reason" label={t('consent.withdrawReason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="actions">
          <button type="submit" className="button button--warning">
            {t('consent.withdrawSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </FormErrorsProvider>
  );
}

function ConsentForm({ caseId, unitId, people, onDone }: { caseId: string; unitId: string; people: PersonOut[]; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const partners = usePartners(unitId);
  const [partner, setPartner] = useState('');
  const invalidate = useInvalidateCase(caseId);
  const clients = people.filter((p) => p.role === 'client');
  const [client, setClient] = useState(clients.length === 1 ? clients[0]!.person_id ?? '' : '');
  const [givenBy, setGivenBy] = useState('');
  const [decision, setDecision] = useState('given');
  const [scopes, setScopes] = useState<string[]>([]);
  const [signed, setSigned] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  const guardians = people.filter((p) => p.role === 'guardian' && (!client || p.guardian_of === client));
  const giverOptions = [
    ...clients.filter((p) => !client || p.person_id === client).map((p) => ({ value: p.person_id ?? '', label: `${personLabel(p, t)} (${t('personRole.client')})` })),
    ...guardians.map((p) => ({ value: p.person_id ?? '', label: `${personLabel(p, t)} (${t('personRole.guardian')})` })),
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/cases/${caseId}/consents`, {
        method: 'POST',
        body: {
          client_id: client || undefined,
          given_by: givenBy || undefined,
          scopes,
          decision,
          signed_statement: signed,
          partner_id: partner && (scopes.includes('data_sharing') || scopes.includes('referral')) ? partner : undefined,
          note: note.trim() || undefined,
        },
        idempotencyKey: idem.current,
      });
      invalidate();
      onDone(decision === 'given' ? t('consent.savedGiven') : t('consent.savedRefused'));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  return (
    <div className="card">
      <h3>{t('consent.addTitle')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="client_id"
            label={t('consent.about')}
            empty={t('common.choose')}
            options={clients.map((p) => ({ value: p.person_id ?? '', label: personLabel(p, t) }))}
            value={client}
            onChange={(e) => setClient(e.target.value)}
          />
          <SelectField
            name="given_by"
            label={t('consent.by')}
            hint={t('consent.byHint')}
            empty={t('common.choose')}
            options={giverOptions}
            value={givenBy}
            onChange={(e) => setGivenBy(e.target.value)}
          />
          <ChoiceGroup
            name="decision"
            legend={t('consent.decision')}
            inline
            options={[
              { value: 'given', label: t('consent.given') },
              { value: 'refused', label: t('consent.refused') },
            ]}
            value={decision}
            onChange={(v) => setDecision(v as string)}
          />
          <ChoiceGroup
            name="scopes"
            legend={t('consent.scopes')}
            multiple
            options={SCOPES.map((s) => ({ value: s, label: t(`consentScope.${s}`) }))}
            value={scopes}
            onChange={(v) => setScopes(v as string[])}
          />
          {(scopes.includes('data_sharing') || scopes.includes('referral')) && (
            <SelectField
              name="partner_id"
              label={t('consentPartner.label')}
              hint={t('consentPartner.hint')}
              optional={!scopes.includes('data_sharing')}
              empty={t('common.choose')}
              options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${t(`partnerKind.${p.kind}`, { defaultValue: p.kind })})` }))}
              value={partner}
              onChange={(e) => setPartner(e.target.value)}
            />
          )}
          <Checkbox name="signed_statement" label={t('consent.signedLabel')} checked={signed} onChange={setSigned} />
          <TextArea name="note" label={t('consent.note')} optional rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button">
              {t('consent.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone('')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
