import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { usePartners, useStaff, useT } from '../api/hooks';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, TextArea, TextField } from '../components/form';
import { Notice } from '../components/ui';
import { formatDateTime, zoneOffset } from '../lib/time';
import { useInvalidateCase } from './caseApi';
import type { CaseTabProps } from './tab';

interface Meeting {
  id?: string;
  meeting_id?: string;
  kind: 'case_conference' | 'family_meeting';
  held_at: string;
  place?: string;
  agenda?: string;
  decisions?: string[];
  follow_ups?: string[];
  participants?: { staff?: string[]; partners?: string[]; others?: string[] };
}

function lines(s: string): string[] {
  return s.split('\n').map((x) => x.trim()).filter(Boolean);
}

/** Case conferences and family meetings: who took part (the unit's staff, partners, others), the agenda and decisions. */
export function Meetings({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const invalidate = useInvalidateCase(c.id);
  const q = useQuery({ queryKey: ['case', c.id, 'meetings'], queryFn: () => api<{ items: Meeting[] }>(`/api/v1/cases/${c.id}/meetings`) });
  const staff = useStaff(c.unit_id);
  const partners = usePartners(c.unit_id);
  const staffName = new Map((staff.data?.items ?? []).map((s) => [s.id, s.display_name]));
  const partnerName = new Map((partners.data?.items ?? []).map((p) => [p.id, p.name]));
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const [kind, setKind] = useState('case_conference');
  const [heldAt, setHeldAt] = useState('');
  const [place, setPlace] = useState('');
  const [who, setWho] = useState<string[]>([]);
  const [withPartners, setWithPartners] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  const [agenda, setAgenda] = useState('');
  const [decisions, setDecisions] = useState('');
  const [followUps, setFollowUps] = useState('');
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/cases/${c.id}/meetings`, {
        method: 'POST',
        body: {
          kind,
          held_at: heldAt ? `${heldAt}:00${zoneOffset(tz)}` : undefined,
          place: place.trim() || undefined,
          participants: { staff: who, partners: withPartners, others: lines(others) },
          agenda: agenda.trim() || undefined,
          decisions: lines(decisions),
          follow_ups: lines(followUps),
        },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      setOpen(false);
      setSaved(true);
      setAgenda('');
      setDecisions('');
      setFollowUps('');
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  const items = q.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="meetings-title">
      <div className="page__head">
        <h3 id="meetings-title">{t('meetings.title')}</h3>
        {c.status !== 'closed' && !open && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(false); setOpen(true); }}>
            {t('meetings.add')}
          </button>
        )}
      </div>
      {saved && <Notice tone="ok">{t('meetings.saved')}</Notice>}
      {items.length === 0 ? (
        <p className="muted">{t('meetings.none')}</p>
      ) : (
        <ul className="event-list">
          {items.map((m, i) => (
            <li key={m.meeting_id ?? m.id ?? i}>
              <div className="muted">
                {formatDateTime(m.held_at, tz, tt)}
                {m.place && <div>{m.place}</div>}
              </div>
              <div>
                <strong>{t(`meetings.kind.${m.kind}`)}</strong>
                {m.agenda && <div>{m.agenda}</div>}
                {(m.participants?.staff?.length || m.participants?.partners?.length) ? (
                  <div className="muted">
                    {t('meetings.participants')}:{' '}
                    {[
                      ...(m.participants?.staff ?? []).map((s) => staffName.get(s) ?? t('meetings.aStaffMember')),
                      ...(m.participants?.partners ?? []).map((p) => partnerName.get(p) ?? p),
                      ...(m.participants?.others ?? []),
                    ].join(', ')}
                  </div>
                ) : null}
                {(m.decisions ?? []).length > 0 && (
                  <div>
                    {t('meetings.decisions')}:
                    {m.decisions!.map((d, j) => (
                      <div key={j}>– {d}</div>
                    ))}
                  </div>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <ChoiceGroup
              name="kind"
              legend={t('meetings.kindLabel')}
              inline
              options={['case_conference', 'family_meeting'].map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind(v as string)}
            />
            <div className="form-row">
              <TextField name="held_at" type="datetime-local" label={t('meetings.heldAt')} value={heldAt} onChange={(e) => setHeldAt(e.target.value)} />
              <TextField name="place" label={t('meetings.place')} value={place} onChange={(e) => setPlace(e.target.value)} />
            </div>
            <ChoiceGroup
              name="participants.staff"
              legend={t('meetings.staff')}
              multiple
              options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.display_name }))}
              value={who}
              onChange={(v) => setWho(v as string[])}
            />
            {(partners.data?.items ?? []).length > 0 && (
              <ChoiceGroup
                name="participants.partners"
                legend={t('meetings.partners')}
                multiple
                options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={withPartners}
                onChange={(v) => setWithPartners(v as string[])}
              />
            )}
            <TextArea name="participants.others" label={t('meetings.others')} hint={t('letters.onePerLine')} optional rows={2} value={others} onChange={(e) => setOthers(e.target.value)} />
            <TextArea name="agenda" label={t('meetings.agenda')} rows={2} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
            <TextArea name="decisions" label={t('meetings.decisions')} hint={t('letters.onePerLine')} rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} />
            <TextArea name="follow_ups" label={t('meetings.followUps')} hint={t('letters.onePerLine')} optional rows={2} value={followUps} onChange={(e) => setFollowUps(e.target.value)} />
            <div className="actions">
              <button type="submit" className="button">
                {t('meetings.save')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </FormErrorsProvider>
      )}
    </section>
  );
}
