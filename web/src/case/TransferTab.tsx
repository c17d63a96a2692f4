import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import type { Case, Consent, PersonOut } from '../api/types';
import { useSession } from '../auth/session';
import { Checkbox, ErrorSummary, FormErrorsProvider, SelectField, TextArea } from '../components/form';
import { Loading, Notice } from '../components/ui';
import { TransferCard } from '../transfers/TransfersPage';
import { TRANSFERS_KEY, useTransfers, type TransferUnit } from '../transfers/transferApi';
import { useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';
import '../styles/work2.css';

const SENDERS = ['section_head', 'unit_head', 'department_head', 'case_manager'];

interface Target extends TransferUnit {
  direction: 'up' | 'down';
}

function consentFor(consents: Consent[], client: string, scope: string, unit?: string): boolean {
  return consents.some(
    (k) => k.client_id === client && (k.status ?? 'active') === 'active' && k.given !== false && k.scopes.includes(scope) && (unit === undefined || k.unit_id === unit),
  );
}

/** Handing the case to another unit (pelimpahan): the units it may go to, each client's
 * consent to share data with that unit, the handover minutes; and this case's transfers. */
export default function TransferTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const outgoing = useTransfers('outgoing');
  const mine = (outgoing.data?.items ?? []).filter((tr) => tr.case_id === c.id);
  const pending = mine.some((tr) => tr.status === 'pending');
  const may = user.roles.some((r) => r.unit_id === c.unit_id && SENDERS.includes(r.role));
  const [proposing, setProposing] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <>
      <div className="page__head">
        <h2>{t('transferTab.title')}</h2>
        {c.status !== 'closed' && may && !pending && !proposing && (
          <button type="button" className="button button--secondary" onClick={() => { setSent(null); setProposing(true); }}>
            {t('transferTab.propose')}
          </button>
        )}
      </div>
      <p className="muted">{t('transferTab.intro')}</p>
      {!may && <p className="muted">{t('transferTab.whoMay')}</p>}
      {sent && <Notice tone="ok">{sent}</Notice>}
      {proposing && (
        <ProposeForm
          c={c}
          onDone={(msg) => {
            setProposing(false);
            setSent(msg);
          }}
        />
      )}
      {outgoing.isPending ? <Loading /> : mine.length === 0 ? <p className="muted">{t('transferTab.none')}</p> : mine.map((tr) => <TransferCard key={tr.id} tr={tr} incoming={false} headingLevel={3} />)}
    </>
  );
}

function ProposeForm({ c, onDone }: { c: Case; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const invalidate = useInvalidateCase(c.id);
  const targets = useQuery({
    queryKey: ['case', c.id, 'transfer-targets'],
    queryFn: () => api<{ items: Target[] }>(`/api/v1/cases/${c.id}/transfer-targets`),
  });
  const people = c.people ?? [];
  const clients = people.filter((p) => p.role === 'client' && p.person_id);
  const consents = (c.consents ?? []) as Consent[];
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState('');
  const [family, setFamily] = useState('');
  const [documents, setDocuments] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const list = targets.data?.items ?? [];
  const target = list.find((u) => u.id === unit);
  const needsFamily = clients.some((p) => (p.age_years !== undefined && p.age_years < 18) || p.disability === true);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/cases/${c.id}/transfers`, {
        method: 'POST',
        body: {
          to_unit: unit || undefined,
          reason: reason.trim(),
          client_ids: clients.map((p) => p.person_id),
          family_coordination: family.trim() || undefined,
          handover: {
            documents: documents
              .split('\n')
              .map((d) => d.trim())
              .filter(Boolean),
            note: note.trim() || undefined,
          },
        },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      invalidate();
      await qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
      onDone(t('transferTab.sent', { unit: target?.name ?? '' }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t('transferTab.proposeTitle')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="to_unit"
            label={t('transferTab.toUnit')}
            hint={t('transferTab.toUnitHint')}
            empty={t('common.choose')}
            options={list.map((u) => ({ value: u.id, label: `${u.name} (${t(`transfers.dir.${u.direction}`)})` }))}
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
          />
          <TextArea name="reason" label={t('transferTab.reason')} hint={t('transferTab.reasonHint')} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          <h4>{t('transferTab.consents')}</h4>
          {!unit ? (
            <p className="muted">{t('transferTab.chooseUnitFirst')}</p>
          ) : (
            <ul className="checklist">
              {clients.map((p) => {
                const ok = consentFor(consents, p.person_id!, 'referral') && consentFor(consents, p.person_id!, 'data_sharing', unit);
                return (
                  <li key={p.person_id}>
                    <span className={'checklist__mark ' + (ok ? 'checklist__ok' : 'checklist__missing')} aria-hidden="true">
                      {ok ? '✓' : '✗'}
                    </span>
                    <span>
                      {personLabel(p, t)} <span className="visually-hidden">—</span>
                      <span className={ok ? 'muted' : 'checklist__missing'}>{ok ? t('transferTab.consentOk') : t('transferTab.consentMissing')}</span>
                      {!ok && <UnitConsent c={c} client={p} people={people} unitId={unit} />}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <TextArea
            name="family_coordination"
            label={t('referralForm.family')}
            hint={t('referralForm.familyHint')}
            optional={!needsFamily}
            rows={2}
            value={family}
            onChange={(e) => setFamily(e.target.value)}
          />
          <TextArea name="handover.documents" label={t('transferTab.documents')} hint={t('transferTab.documentsHint')} optional rows={3} value={documents} onChange={(e) => setDocuments(e.target.value)} />
          <TextArea name="handover.note" label={t('transferTab.note')} optional rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('transferTab.submit')}
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

/** The consent a transfer needs, recorded from the form: referral and sharing data with that unit. */
function UnitConsent({ c, client, people, unitId }: { c: Case; client: PersonOut; people: PersonOut[]; unitId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(c.id);
  const [open, setOpen] = useState(false);
  const [givenBy, setGivenBy] = useState('');
  const [signed, setSigned] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  const givers = [
    { value: client.person_id!, label: `${personLabel(client, t)} (${t('personRole.client')})` },
    ...people.filter((p) => p.role === 'guardian' && p.guardian_of === client.person_id).map((p) => ({ value: p.person_id!, label: `${personLabel(p, t)} (${t('personRole.guardian')})` })),
  ];
  if (!open)
    return (
      <div>
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          {t('transferTab.recordConsent')}
        </button>
      </div>
    );

  async function save() {
    setError(null);
    try {
      await api(`/api/v1/cases/${c.id}/consents`, {
        method: 'POST',
        body: { client_id: client.person_id, given_by: givenBy || undefined, scopes: ['referral', 'data_sharing'], unit_id: unitId, signed_statement: signed },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      invalidate();
      setOpen(false);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  // A part of the transfer form (no nested form): saved by its own button.
  return (
    <div className="card">
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <p>{t('transferTab.consentExplain')}</p>
        <SelectField name="given_by" label={t('consent.by')} hint={t('consent.byHint')} empty={t('common.choose')} options={givers} value={givenBy} onChange={(e) => setGivenBy(e.target.value)} />
        <Checkbox name="signed_statement" label={t('consent.signedLabel')} checked={signed} onChange={setSigned} />
        <div className="actions">
          <button type="button" className="button" onClick={() => void save()}>
            {t('transferTab.saveConsent')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </FormErrorsProvider>
    </div>
  );
}
