import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useSops, useT } from '../api/hooks';
import type { Task } from '../api/types';
import { useSession } from '../auth/session';
import { ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Badge, Notice } from '../components/ui';
import { formatDate, todayIn } from '../lib/time';
import { SHELTERS_KEY, useShelters } from '../shelters/SheltersPage';
import { useCaseSops, useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';
import '../styles/work2.css';

interface Stay {
  stay_id: string;
  shelter_id: string;
  shelter_name: string;
  person_id: string;
  admitted_on: string;
  expected_days: number;
  reason?: string;
  task_outcome?: string | null;
  over_capacity: boolean;
  override_reason?: string;
  status: 'open' | 'ended';
  discharge?: { discharged_on: string; reason: string; note?: string };
}

const HEADS = ['unit_head', 'department_head'];
const DISCHARGE = ['returned_home', 'referred', 'moved_to_another_shelter', 'left_on_own', 'independent_living', 'other'];

/** The case's shelter stays: admission (after the shelter SOP decided a placement), discharge. */
export default function ShelterTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const stays = ((c.shelter_stays ?? []) as Stay[]).slice().reverse();
  const byId = new Map((c.people ?? []).map((p) => [p.person_id, p]));
  const sops = useCaseSops(c.id);
  const catalog = useSops();
  const [admitting, setAdmitting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // The shelter SOP's decisions that ended in a placement step: what an admission cites.
  const shelterSops = new Set((catalog.data?.items ?? []).filter((s) => s.kind === 'shelter').map((s) => s.id));
  const decisions: Task[] = (sops.data?.items ?? [])
    .filter((i) => shelterSops.has(i.sop_id))
    .flatMap((i) => i.tasks.map((task) => ({ ...task, sop_title: task.sop_title ?? i.title ?? i.sop_id })))
    .filter((task) => task.status === 'completed' && !!task.outcome);
  const open = c.status !== 'closed';
  return (
    <>
      <div className="page__head">
        <h2>{t('shelterTab.title')}</h2>
        {open && decisions.length > 0 && !admitting && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setAdmitting(true); }}>
            {t('shelterTab.admit')}
          </button>
        )}
      </div>
      <p className="muted">{t('shelterTab.intro')}</p>
      {open && sops.isSuccess && catalog.isSuccess && decisions.length === 0 && <Notice>{t('shelterTab.noDecision')}</Notice>}
      {saved && <Notice tone="ok">{saved}</Notice>}
      {admitting && (
        <AdmitForm
          c={c}
          decisions={decisions}
          onDone={(msg) => {
            setAdmitting(false);
            setSaved(msg);
          }}
        />
      )}
      {stays.length === 0 ? (
        <p className="muted">{t('shelterTab.none')}</p>
      ) : (
        <ul className="event-list">
          {stays.map((s) => (
            <li key={s.stay_id}>
              <div>
                <Badge tone={s.status === 'open' ? 'info' : 'neutral'}>{t(`shelterTab.status.${s.status}`)}</Badge>
                {s.over_capacity && (
                  <>
                    {' '}
                    <Badge tone="warn">{t('shelters.overCapacity')}</Badge>
                  </>
                )}
                <div className="muted">{t('shelterTab.since', { date: formatDate(s.admitted_on, tt, false) })}</div>
              </div>
              <div>
                <div>
                  <strong>{s.shelter_name}</strong> — {personLabel(byId.get(s.person_id), t)}
                </div>
                <div>{t('shelterTab.expected', { count: s.expected_days })}</div>
                {s.reason && <div className="prewrap">{t('shelterTab.reason')}: {s.reason}</div>}
                {s.over_capacity && s.override_reason && <div className="prewrap">{t('shelterTab.overrideReason')}: {s.override_reason}</div>}
                {s.discharge && (
                  <div>
                    {t('shelterTab.discharged', { date: formatDate(s.discharge.discharged_on, tt, false) })}: {t(`shelterTab.dischargeReason.${s.discharge.reason}`, { defaultValue: s.discharge.reason })}
                    {s.discharge.note && <span className="prewrap"> — {s.discharge.note}</span>}
                  </div>
                )}
                {s.status === 'open' && open && <Discharge caseId={c.id} stay={s} tz={tz} />}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/shelters">{t('shelterTab.board')}</Link>
      </p>
    </>
  );
}

function AdmitForm({ c, decisions, onDone }: { c: CaseTabProps['c']; decisions: Task[]; onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const qc = useQueryClient();
  const invalidate = useInvalidateCase(c.id);
  const shelters = useShelters(c.unit_id);
  const inShelter = new Set(((c.shelter_stays ?? []) as Stay[]).filter((s) => s.status === 'open').map((s) => s.person_id));
  const clients = (c.people ?? []).filter((p) => p.role === 'client' && p.person_id && !inShelter.has(p.person_id));
  const head = user.roles.some((r) => r.unit_id === c.unit_id && HEADS.includes(r.role));
  const [task, setTask] = useState(decisions.length === 1 ? decisions[0]!.id : '');
  const [person, setPerson] = useState(clients.length === 1 ? clients[0]!.person_id! : '');
  const [shelter, setShelter] = useState('');
  const [days, setDays] = useState('14');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const list = shelters.data?.items ?? [];
  const chosen = list.find((s) => s.id === shelter);
  const full = !!chosen && chosen.free_beds <= 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/cases/${c.id}/shelter-stays`, {
        method: 'POST',
        body: {
          shelter_id: shelter || undefined,
          person_id: person || undefined,
          expected_days: days.trim() === '' ? undefined : Number(days),
          reason: reason.trim(),
          task_id: task || undefined,
          override_reason: full && head && override.trim() ? override.trim() : undefined,
        },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      invalidate();
      await qc.invalidateQueries({ queryKey: SHELTERS_KEY });
      onDone(t('shelterTab.admitted', { shelter: chosen?.name ?? '' }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  const outcomeLabel = (d: Task) => d.outcomes?.find((o) => o.outcome === d.outcome)?.label ?? d.outcome ?? '';
  return (
    <div className="card">
      <h3>{t('shelterTab.admitTitle')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="task_id"
            label={t('shelterTab.decision')}
            hint={t('shelterTab.decisionHint')}
            empty={t('common.choose')}
            options={decisions.map((d) => ({ value: d.id, label: `${d.step_no ? d.step_no + '. ' : ''}${outcomeLabel(d)}` }))}
            value={task}
            onChange={(e) => setTask(e.target.value)}
          />
          <SelectField
            name="person_id"
            label={t('shelterTab.client')}
            empty={t('common.choose')}
            options={clients.map((p) => ({ value: p.person_id!, label: personLabel(p, t) }))}
            value={person}
            onChange={(e) => setPerson(e.target.value)}
          />
          <SelectField
            name="shelter_id"
            label={t('shelterTab.shelter')}
            empty={t('common.choose')}
            options={list.map((s) => ({
              value: s.id,
              label: `${s.name} — ${s.free_beds > 0 ? t('shelters.free', { count: s.free_beds }) : t('shelters.full')}`,
            }))}
            value={shelter}
            onChange={(e) => setShelter(e.target.value)}
          />
          {shelters.isSuccess && list.length === 0 && <Notice tone="warn">{t('shelterTab.noShelters')}</Notice>}
          {full && <Notice tone="warn">{head ? t('shelterTab.fullHead') : t('shelterTab.fullStaff')}</Notice>}
          {full && head && (
            <TextArea name="override_reason" label={t('shelterTab.overrideReason')} hint={t('shelterTab.overrideHint')} rows={2} value={override} onChange={(e) => setOverride(e.target.value)} />
          )}
          <TextField name="expected_days" label={t('shelterTab.expectedDays')} inputMode="numeric" className="input--short" value={days} onChange={(e) => setDays(e.target.value)} />
          <TextArea name="reason" label={t('shelterTab.reason')} hint={t('shelterTab.reasonHint')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('shelterTab.admitSubmit')}
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

function Discharge({ caseId, stay, tz }: { caseId: string; stay: Stay; tz: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const invalidate = useInvalidateCase(caseId);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIn(tz));
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
          {t('shelterTab.discharge')}
        </button>
      </div>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/v1/cases/${caseId}/shelter-stays/${stay.stay_id}/discharge`, {
        method: 'POST',
        body: { discharged_on: date, reason: reason || undefined, note: note.trim() || undefined },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      invalidate();
      await qc.invalidateQueries({ queryKey: SHELTERS_KEY });
      setOpen(false);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t('shelterTab.dischargeTitle')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <TextField name="discharged_on" type="date" label={t('shelterTab.dischargedOn')} className="input--date" value={date} onChange={(e) => setDate(e.target.value)} />
          <SelectField
            name="reason"
            label={t('shelterTab.dischargeWhy')}
            empty={t('common.choose')}
            options={DISCHARGE.map((r) => ({ value: r, label: t(`shelterTab.dischargeReason.${r}`) }))}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <TextArea name="note" label={t('shelterTab.dischargeNote')} optional={reason !== 'other'} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('shelterTab.dischargeSubmit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
