import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useT } from '../api/hooks';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Loading, Notice } from '../components/ui';
import { FormRenderer } from '../forms/FormRenderer';
import { submission } from '../forms/logic';
import type { FormValues } from '../forms/types';
import { useFormDefinition } from '../forms/useForm';
import { formatDate, todayIn } from '../lib/time';
import { useInvalidateCase } from './caseApi';
import { Meetings } from './Meetings';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

/** Case work: the intervention plan, monitoring notes, termination and reopening (docs/case-work.md). */
export default function CaseWorkTab(props: CaseTabProps) {
  const { t } = useTranslation();
  const { c } = props;
  const { hasRole } = useSession();
  const manager = hasRole('case_manager', ...SUPERVISOR_ROLES);
  return (
    <>
      <h2>{t('work.title')}</h2>
      <Plan {...props} />
      <Monitoring {...props} />
      <Meetings {...props} />
      {c.status === 'closed' ? manager && <Reopen {...props} /> : manager ? <Terminate {...props} /> : <p className="muted">{t('work.managerOnly')}</p>}
    </>
  );
}

interface PlanDoc {
  version: number;
  goals: { id: string; text: string }[];
  services: { id: string; type: string; provider: string; start: string; end?: string; status?: string }[];
}

function Plan({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const invalidate = useInvalidateCase(c.id);
  const q = useQuery({ queryKey: ['case', c.id, 'plan'], queryFn: async () => (await api<{ plan: PlanDoc | null }>(`/api/v1/cases/${c.id}/plan`)).plan ?? null });
  const [goal, setGoal] = useState('');
  const [service, setService] = useState('');
  const [start, setStart] = useState('');
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  const plan = q.data ?? null;
  const closed = c.status === 'closed';

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const goals = [...(plan?.goals ?? [])];
    const services = [...(plan?.services ?? [])];
    if (goal.trim()) goals.push({ id: `g${goals.length + 1}`, text: goal.trim() });
    if (service) services.push({ id: `s${services.length + 1}`, type: service, provider: 'unit', start: start || todayIn(tz) });
    try {
      await api(`/api/v1/cases/${c.id}/plan`, { method: 'PUT', body: { version: plan?.version ?? 0, goals, services }, idempotencyKey: idem.current });
      idem.current = newIdempotencyKey();
      setGoal('');
      setService('');
      setStart('');
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  const SERVICES = ['health', 'psychological', 'social_rehabilitation', 'legal', 'family_community', 'shelter', 'mediation', 'reintegration', 'repatriation', 'religious', 'other'];
  return (
    <section className="card" aria-labelledby="plan-title">
      <h3 id="plan-title">{t('work.planTitle')}</h3>
      {q.isPending ? (
        <Loading />
      ) : !plan ? (
        <p className="muted">{t('work.noPlan')}</p>
      ) : (
        <>
          <h4>{t('work.goals')}</h4>
          <ol>
            {(plan.goals ?? []).map((g) => (
              <li key={g.id}>{g.text}</li>
            ))}
          </ol>
          <h4>{t('work.services')}</h4>
          <ul>
            {(plan.services ?? []).map((s) => (
              <li key={s.id}>
                {t(`service.${s.type}`)} — {formatDate(s.start, tt, false)} ({t(`serviceStatus.${s.status ?? 'planned'}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      {!closed && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={add} noValidate>
            <TextArea name="goals" label={t('work.addGoal')} optional rows={2} value={goal} onChange={(e) => setGoal(e.target.value)} />
            <div className="form-row">
              <SelectField name="services" label={t('work.addService')} optional empty={t('common.choose')} options={SERVICES.map((s) => ({ value: s, label: t(`service.${s}`) }))} value={service} onChange={(e) => setService(e.target.value)} />
              <TextField name="services.start" label={t('work.serviceStart')} optional type="date" className="input--date" value={start} onChange={(e) => setStart(e.target.value)} />
            </div>
            <button type="submit" className="button button--secondary" disabled={!goal.trim() && !service}>
              {t('work.savePlan')}
            </button>
          </form>
        </FormErrorsProvider>
      )}
    </section>
  );
}

interface MonitoringNote {
  id?: string;
  date: string;
  method: string;
  client_condition?: string;
}

function Monitoring({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const tt = useT();
  const invalidate = useInvalidateCase(c.id);
  const q = useQuery({ queryKey: ['case', c.id, 'monitoring'], queryFn: () => api<{ items: MonitoringNote[] }>(`/api/v1/cases/${c.id}/monitoring`) });
  const [date, setDate] = useState('');
  const [method, setMethod] = useState('');
  const [condition, setCondition] = useState('');
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());
  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api(`/api/v1/cases/${c.id}/monitoring`, {
        method: 'POST',
        body: { date: date || todayIn(tz), method: method || undefined, client_condition: condition },
        idempotencyKey: idem.current,
      });
      idem.current = newIdempotencyKey();
      setCondition('');
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }
  const METHODS = ['home_visit', 'phone', 'office', 'video_call', 'school_visit', 'other'];
  return (
    <section className="card" aria-labelledby="monitoring-title">
      <h3 id="monitoring-title">{t('work.monitoringTitle')}</h3>
      {(q.data?.items ?? []).length === 0 ? (
        <p className="muted">{t('work.noMonitoring')}</p>
      ) : (
        <ul>
          {q.data!.items.map((m, i) => (
            <li key={m.id ?? i}>
              {formatDate(m.date, tt)} — {t(`monitoringMethod.${m.method}`)}
              {m.client_condition && <>: {m.client_condition}</>}
            </li>
          ))}
        </ul>
      )}
      {c.status !== 'closed' && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={add} noValidate>
            <div className="form-row">
              <TextField name="date" label={t('work.monitoringDate')} type="date" className="input--date" value={date} onChange={(e) => setDate(e.target.value)} />
              <SelectField name="method" label={t('work.monitoringMethod')} empty={t('common.choose')} options={METHODS.map((m) => ({ value: m, label: t(`monitoringMethod.${m}`) }))} value={method} onChange={(e) => setMethod(e.target.value)} />
            </div>
            <TextArea name="client_condition" label={t('work.clientCondition')} rows={2} value={condition} onChange={(e) => setCondition(e.target.value)} />
            <button type="submit" className="button button--secondary">
              {t('work.saveMonitoring')}
            </button>
          </form>
        </FormErrorsProvider>
      )}
    </section>
  );
}

function Terminate({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(c.id);
  const def = useFormDefinition('terminasi');
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const people = (c.people ?? []).filter((p) => p.person_id).map((p) => ({ id: p.person_id!, label: `${personLabel(p, t)} (${t(`personRole.${p.role}`, { defaultValue: String(p.role) })})` }));
  if (!open)
    return (
      <section className="card">
        <h3>{t('work.terminateTitle')}</h3>
        <p>{t('work.terminateIntro')}</p>
        <button type="button" className="button button--warning" onClick={() => setOpen(true)}>
          {t('work.terminateStart')}
        </button>
      </section>
    );
  const jenis = values.jenis;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!def.data) return;
    setError(null);
    setBusy(true);
    try {
      const form = submission(def.data, values);
      const unilateral = jenis === 'unilateral' || jenis === 'sepihak';
      await api(`/api/v1/cases/${c.id}/termination`, {
        method: 'POST',
        body: {
          kind: unilateral ? 'unilateral' : 'normal',
          reason: unilateral ? (values.alasan_sepihak as string | undefined) : undefined,
          summary,
          form,
        },
        idempotencyKey: idem.current,
      });
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="terminate-title">
      <h3 id="terminate-title">{t('work.terminateTitle')}</h3>
      {def.isPending && <Loading />}
      {def.data && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <FormRenderer def={def.data} values={values} onChange={setValues} people={people} tz={tz} />
            <TextArea name="summary" label={t('work.summary')} hint={t('work.summaryHint')} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
            <Notice tone="warn">{t('work.terminateWarning')}</Notice>
            <div className="actions">
              <button type="submit" className="button button--warning" disabled={busy}>
                {t('work.terminateSubmit')}
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

function Reopen({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(c.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card">
      <h3>{t('work.reopenTitle')}</h3>
      <Notice tone="info">{t('work.closedNotice')}</Notice>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await api(`/api/v1/cases/${c.id}/reopen`, { method: 'POST', body: { reason } });
              setReason('');
              invalidate();
            } catch (err) {
              setError(err);
            }
          }}
          noValidate
        >
          <TextArea name="reason" label={t('work.reopenReason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button">
            {t('work.reopen')}
          </button>
        </form>
      </FormErrorsProvider>
    </section>
  );
}

