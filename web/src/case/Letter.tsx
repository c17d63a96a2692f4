import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { usePartners } from '../api/hooks';
import type { Case, Consent } from '../api/types';
import { ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { personLabel } from './PeopleTab';

interface LetterDoc {
  id: string;
  title: string;
  letter?: { agenda_number: string; kind?: string };
}

export const LETTER_KINDS = [
  'surat-tugas',
  'surat-rujukan',
  'berita-acara-penyerahan',
  'surat-pernyataan-persetujuan',
  'form-terminasi',
  'laporan-penjangkauan',
  'surat-perjanjian',
  'sppd',
] as const;
type Kind = (typeof LETTER_KINDS)[number];

const TERMINATION_REASONS = ['goals_met', 'referred_out', 'died', 'missing', 'refuses'];

/** One answer per line ("Hasil asesmen\nRencana intervensi" -> two items). */
function lines(s: string): string[] | undefined {
  const l = s.split('\n').map((x) => x.trim()).filter(Boolean);
  return l.length ? l : undefined;
}

/** A letter of the case (docs/letters.md): choose its kind, fill the fields the case record does not
 * give (a referral, consent or Surat Tugas of the case fills the rest), then the PDF one click away. */
export function Letter({
  c,
  assignments,
  plans = [],
  onDone,
}: {
  c: Case;
  assignments: { value: string; label: string }[];
  /** outreach plans (form rencana-penjangkauan) of the case: travel documents are written from their approval */
  plans?: { value: string; label: string }[];
  onDone: (doc: LetterDoc) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('surat-tugas');
  const [v, setV] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const partners = usePartners(c.unit_id);
  const partnerName = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const people = (c.people ?? []).filter((p) => p.person_id);
  const byId = new Map(people.map((p) => [p.person_id, p]));
  const referrals = ((c.referrals ?? []) as { referral_id?: string; id?: string; partner_id: string; client_id: string }[]).map((r) => ({
    value: (r.referral_id ?? r.id)!,
    label: `${partnerName.get(r.partner_id) ?? t('referrals.partner')} — ${personLabel(byId.get(r.client_id), t)}`,
  }));
  const consents = ((c.consents ?? []) as Consent[])
    .filter((k) => k.given !== false && k.status !== 'refused')
    .map((k) => ({
      value: (k.consent_id ?? k.id)!,
      label: `${personLabel(byId.get(k.client_id), t)}: ${k.scopes.map((s) => t(`consentScope.${s}`, { defaultValue: s })).join(', ')}`,
    }));
  const personOptions = people.map((p) => ({ value: p.person_id!, label: `${personLabel(p, t)} (${t(`personRole.${p.role}`, { defaultValue: String(p.role) })})` }));

  const set = (k: string) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const text = (k: string, label: ReactNode, extra: { hint?: ReactNode; optional?: boolean; type?: string } = {}) => (
    <TextField name={k} label={label} hint={extra.hint} optional={extra.optional} type={extra.type} className={extra.type === 'date' ? 'input--date' : undefined} value={v[k] ?? ''} onChange={set(k)} />
  );
  const area = (k: string, label: ReactNode, extra: { hint?: ReactNode; optional?: boolean } = {}) => (
    <TextArea name={k} label={label} hint={extra.hint ?? t('letters.onePerLine')} optional={extra.optional} rows={3} value={v[k] ?? ''} onChange={set(k)} />
  );
  const select = (k: string, label: ReactNode, options: { value: string; label: string }[], extra: { hint?: ReactNode; optional?: boolean } = {}) => (
    <SelectField name={k} label={label} hint={extra.hint} optional={extra.optional} empty={t('common.choose')} options={options} value={v[k] ?? ''} onChange={set(k)} />
  );
  const s = (k: string) => (v[k] ?? '').trim() || undefined;

  function body(): Record<string, unknown> {
    switch (kind) {
      case 'surat-tugas':
        return { plan_document_id: s('plan_document_id'), task: s('task'), destination: s('destination'), start: s('start'), end: s('end') };
      case 'sppd':
        return { plan_document_id: s('plan_document_id'), assignment_document_id: s('assignment_document_id') };
      case 'surat-rujukan':
        return { referral_id: s('referral_id'), recipient_place: s('recipient_place'), attachments: lines(v.attachments ?? '') };
      case 'berita-acara-penyerahan':
        return {
          referral_id: s('referral_id'),
          location: s('location'),
          receiving: s('receiving.name') || s('receiving.position') ? { name: s('receiving.name'), position: s('receiving.position') } : undefined,
          items: lines(v.items ?? ''),
        };
      case 'surat-pernyataan-persetujuan':
        return { consent_id: s('consent_id') };
      case 'form-terminasi':
        return { reason: s('reason'), reason_note: s('reason_note'), services: lines(v.services ?? ''), client_feedback: s('client_feedback') };
      case 'laporan-penjangkauan':
        return {
          assignment_document_id: s('assignment_document_id'),
          outreach_date: s('outreach_date'),
          location: s('location'),
          findings: lines(v.findings ?? ''),
          follow_up: lines(v.follow_up ?? ''),
        };
      case 'surat-perjanjian':
        return {
          location: s('location'),
          first_party: s('first_party') ? { person_id: s('first_party') } : undefined,
          second_party: s('second_party') ? { person_id: s('second_party') } : undefined,
          agreements: lines(v.agreements ?? ''),
          duty_stamp: s('duty_stamp'),
        };
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const doc = await api<LetterDoc>(`/api/v1/cases/${c.id}/letters`, { method: 'POST', body: { kind, ...body() }, idempotencyKey: idem.current });
      idem.current = newIdempotencyKey();
      onDone(doc);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  const kindName = t(`letters.kind.${kind}`);
  return (
    <div className="card">
      <h3>{t('letters.title')}</h3>
      <p className="muted">{t('letter.intro')}</p>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="kind"
            label={t('letters.kindLabel')}
            options={LETTER_KINDS.map((k) => ({ value: k, label: t(`letters.kind.${k}`) }))}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setError(null);
            }}
          />
          <p className="field__hint">{t(`letters.about.${kind}`)}</p>
          {kind === 'sppd' && (
            <>
              {select('plan_document_id', t('letters.plan'), plans, { hint: plans.length ? t('letters.planHint') : t('letters.noPlan') })}
              {select('assignment_document_id', t('letters.assignment'), assignments, { optional: true })}
            </>
          )}
          {kind === 'surat-tugas' && (
            <>
              {plans.length > 0 && select('plan_document_id', t('letters.plan'), plans, { optional: true, hint: t('letters.planHintAssignment') })}
              <TextArea name="task" label={t('letter.task')} rows={2} value={v.task ?? ''} onChange={set('task')} />
              {text('destination', t('letter.destination'))}
              <div className="form-row">
                {text('start', t('letter.start'), { type: 'date' })}
                {text('end', t('letter.end'), { type: 'date', optional: true })}
              </div>
            </>
          )}
          {kind === 'surat-rujukan' && (
            <>
              {select('referral_id', t('letters.referral'), referrals, { hint: referrals.length ? undefined : t('letters.noReferral') })}
              {text('recipient_place', t('letters.recipientPlace'), { hint: t('letters.recipientPlaceHint') })}
              {area('attachments', t('letters.attachments'), { optional: true })}
            </>
          )}
          {kind === 'berita-acara-penyerahan' && (
            <>
              {select('referral_id', t('letters.referral'), referrals, { hint: referrals.length ? undefined : t('letters.noReferral') })}
              {text('location', t('letters.location'))}
              <div className="form-row">
                {text('receiving.name', t('letters.receivingName'))}
                {text('receiving.position', t('letters.receivingPosition'), { optional: true })}
              </div>
              {area('items', t('letters.items'), { optional: true })}
            </>
          )}
          {kind === 'surat-pernyataan-persetujuan' && select('consent_id', t('letters.consent'), consents, { hint: consents.length ? undefined : t('letters.noConsent') })}
          {kind === 'form-terminasi' && (
            <>
              {select(
                'reason',
                t('letters.terminationReason'),
                TERMINATION_REASONS.map((r) => ({ value: r, label: t(`letters.reason.${r}`) })),
              )}
              {text('reason_note', t('letters.reasonNote'), { optional: true })}
              {area('services', t('letters.services'))}
              <TextArea name="client_feedback" label={t('letters.clientFeedback')} optional rows={2} value={v.client_feedback ?? ''} onChange={set('client_feedback')} />
            </>
          )}
          {kind === 'laporan-penjangkauan' && (
            <>
              {select('assignment_document_id', t('letters.assignment'), assignments, { hint: assignments.length ? undefined : t('letters.noAssignment') })}
              <div className="form-row">
                {text('outreach_date', t('letters.outreachDate'), { type: 'date' })}
                {text('location', t('letters.location'))}
              </div>
              {area('findings', t('letters.findings'))}
              {area('follow_up', t('letters.followUp'), { optional: true })}
            </>
          )}
          {kind === 'surat-perjanjian' && (
            <>
              {text('location', t('letters.location'))}
              <div className="form-row">
                {select('first_party', t('letters.firstParty'), personOptions)}
                {select('second_party', t('letters.secondParty'), personOptions)}
              </div>
              {area('agreements', t('letters.agreements'))}
              {select(
                'duty_stamp',
                t('letters.dutyStamp'),
                ['first_party', 'second_party', 'both'].map((d) => ({ value: d, label: t(`letters.stamp.${d}`) })),
                { optional: true },
              )}
            </>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t('letters.submit', { kind: kindName })}
          </button>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
