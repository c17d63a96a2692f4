import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useStaffName, useT } from '../api/hooks';
import type { Case, Task } from '../api/types';
import { AssignTask } from '../components/AssignTask';
import { FillForm } from './FillForm';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { Due } from '../components/Due';
import { ChoiceGroup, ErrorSummary, FormErrorsProvider, TextArea } from '../components/form';
import { Badge, Loading, Notice, PageError } from '../components/ui';
import { describeStandard } from '../lib/time';
import { humanize, useCaseSops, useInvalidateCase } from './caseApi';
import type { CaseTabProps } from './tab';

export default function TasksTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const q = useCaseSops(c.id);
  const [done, setDone] = useState<string | null>(null);
  const { hash } = useLocation();
  const loaded = !!q.data;
  // A link to one task (#task-<id>, from the heads' oversight): bring its card into view.
  useEffect(() => {
    if (!loaded || !/^#task-[0-9a-f-]{36}$/.test(hash)) return;
    const el = document.getElementById(hash.slice(1));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.classList.add('card--target');
    }
  }, [loaded, hash]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const open = q.data.items.flatMap((i) => i.tasks.filter((x) => x.status === 'open').map((x) => ({ ...x, sop_title: x.sop_title ?? i.title ?? undefined })));
  return (
    <>
      <h2>{t('tasks.title')}</h2>
      {done && <Notice tone="ok">{done}</Notice>}
      {open.length === 0 && <p className="muted">{t('tasks.none')}</p>}
      {open.map((task) => (
        <TaskCard key={task.id} c={c} base={task} tz={tz} onDone={setDone} />
      ))}
    </>
  );
}

/** A requirement in words: a consent by its scope, a document kind by its name in the unit's pack. */
export function useRequirementText() {
  const { t } = useTranslation();
  return (r: string, kinds?: Task['document_kinds']) => {
    if (r.startsWith('consent:')) return t('tasks.consentReq', { scope: t(`consentScope.${r.slice(8)}`, { defaultValue: r.slice(8) }) });
    if (r.startsWith('fact:')) return t('tasks.factReq', { fact: humanize(r.slice(5)) });
    return kinds?.[r]?.name ?? humanize(r);
  };
}

function TaskCard({ c, base, tz, onDone }: { c: Case; base: Task; tz: string; onDone: (msg: string) => void }) {
  const caseId = c.id;
  const { t } = useTranslation();
  const { user } = useSession();
  const staffName = useStaffName(base.unit_id);
  const [filling, setFilling] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tt = useT();
  const { hasRole } = useSession();
  const reqText = useRequirementText();
  const invalidate = useInvalidateCase(caseId);
  const q = useQuery({ queryKey: ['task', base.id], queryFn: () => api<Task>(`/api/v1/tasks/${base.id}`) });
  const task = q.data ?? base;
  const kinds = task.document_kinds;
  const missing = new Set(q.data?.missing ?? []);
  const decision = (task.outcomes?.length ?? 0) > 0;
  const triage = useQuery({
    queryKey: ['case', caseId, 'triage'],
    queryFn: () => api<{ recommendation: string | null; reasons: { rule: string; message: string; message_id: string }[] }>(`/api/v1/cases/${caseId}/triage`),
    enabled: decision,
  });
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [supplied, setSupplied] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const [waiveReason, setWaiveReason] = useState('');
  const [waiveError, setWaiveError] = useState<unknown>(null);
  const supervisor = hasRole(...SUPERVISOR_ROLES);
  const docMissing = [...missing].filter((r) => !r.includes(':'));

  async function complete(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {};
      if (outcome) body.outcome = outcome;
      if (note.trim()) body.note = note;
      if (override.trim()) body.override_reason = override;
      if (supplied.length) body.documents = supplied;
      await api(`/api/v1/tasks/${task.id}/complete`, { method: 'POST', body, idempotencyKey: idem.current });
      onDone(t('tasks.completed', { step: task.activity ?? task.step_id }));
      invalidate();
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
      void q.refetch();
    } finally {
      setBusy(false);
    }
  }

  async function waive(e: FormEvent) {
    e.preventDefault();
    setWaiveError(null);
    try {
      await api(`/api/v1/tasks/${task.id}/waive`, { method: 'POST', body: { reason: waiveReason } });
      setWaiveReason('');
      void q.refetch();
      invalidate();
    } catch (err) {
      setWaiveError(err);
    }
  }

  const rec = triage.data?.recommendation;
  return (
    <article className="card" aria-labelledby={`task-${task.id}-title`} id={`task-${task.id}`}>
      <h3 id={`task-h-${task.id}`}>
        <span id={`task-${task.id}-title`}>
          {task.step_no && `${task.step_no}. `}
          {task.activity ?? task.step_id}
        </span>
      </h3>
      <dl className="summary-list">
        <div>
          <dt>{t('tasks.sop')}</dt>
          <dd>{task.sop_title ?? task.sop_id}</dd>
        </div>
        <div>
          <dt>{t('tasks.role')}</dt>
          <dd>{t(`role.${task.role}`, { defaultValue: task.role })}</dd>
        </div>
        <div>
          <dt>{t('tasks.standard')}</dt>
          <dd>{describeStandard(task.standard_time, tt)}</dd>
        </div>
        <div>
          <dt>{t('tasks.due')}</dt>
          <dd>
            <Due due={task.due_at} tz={tz} standard={task.standard_time} />
          </dd>
        </div>
      </dl>

      <h4>{t('tasks.requirements')}</h4>
      {(task.requires?.length ?? 0) === 0 ? (
        <p className="muted">{t('tasks.noRequirements')}</p>
      ) : (
        <ul className="checklist">
          {task.requires!.map((r) => {
            const lacking = missing.has(r) && !supplied.includes(r);
            const forms = kinds?.[r]?.forms ?? [];
            return (
              <li key={r}>
                <span className={'checklist__mark ' + (lacking ? 'checklist__missing' : 'checklist__ok')} aria-hidden="true">
                  {lacking ? '✗' : '✓'}
                </span>
                <span>
                  {reqText(r, kinds)} <span className="visually-hidden">—</span>
                  <span className={lacking ? 'checklist__missing' : 'muted'}>
                    {lacking ? t('tasks.missing') : supplied.includes(r) ? t('tasks.suppliedNow') : t('tasks.present')}
                  </span>
                  {lacking && forms.length > 0 && c.status !== 'closed' && filling === null && (
                    <>
                      {' '}
                      <button type="button" className="button button--link" onClick={() => { setNotice(null); setFilling(forms[0]!); }}>
                        {t('taskForms.fill', { name: kinds?.[r]?.name ?? humanize(r) })}
                      </button>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {notice && <Notice tone="ok">{notice}</Notice>}
      {filling && (
        <FillForm
          c={c}
          tz={tz}
          form={filling}
          onDone={(msg) => {
            setFilling(null);
            setNotice(msg);
            void q.refetch();
          }}
        />
      )}
      {task.waiver && <Notice tone="info">{t('tasks.waivedNotice', { reason: task.waiver.reason })}</Notice>}

      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={complete} noValidate>
          {docMissing.length > 0 && (
            <ChoiceGroup
              name="documents"
              aliases={['requires']}
              legend={t('tasks.supplyLegend')}
              hint={t('tasks.supplyHint')}
              multiple
              options={docMissing.map((r) => ({ value: r, label: reqText(r, kinds) }))}
              value={supplied}
              onChange={(v) => setSupplied(v as string[])}
            />
          )}
          {decision && (
            <>
              {rec && (
                <Notice tone="info">
                  <p>
                    <strong>{t('tasks.recommendation')}:</strong> {t(`triage.${rec}`, { defaultValue: rec })}
                  </p>
                </Notice>
              )}
              <ChoiceGroup
                name="outcome"
                legend={t('tasks.outcome')}
                options={task.outcomes!.map((o) => ({ value: o.outcome, label: o.label }))}
                value={outcome}
                onChange={(v) => setOutcome(v as string)}
              />
              {rec && (
                <TextArea
                  name="override_reason"
                  label={t('tasks.overrideReason')}
                  hint={t('tasks.overrideHint')}
                  optional
                  rows={2}
                  value={override}
                  onChange={(e) => setOverride(e.target.value)}
                />
              )}
            </>
          )}
          <TextArea name="note" label={t('tasks.note')} optional rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('tasks.complete')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>

      {supervisor && missing.size > 0 && !task.waiver && (
        <details className="form-section">
          <summary>{t('tasks.waiveTitle')}</summary>
          <FormErrorsProvider value={{ error: waiveError }}>
            <ErrorSummary error={waiveError} />
            <form onSubmit={waive} noValidate>
              <TextArea
                name="reason"
                label={t('tasks.waiveReason')}
                hint={t('tasks.waiveHint')}
                rows={2}
                value={waiveReason}
                onChange={(e) => setWaiveReason(e.target.value)}
              />
              <button type="submit" className="button button--warning">
                {t('tasks.waive')}
              </button>
            </form>
          </FormErrorsProvider>
        </details>
      )}
      {task.assignee && <Badge tone="neutral">{task.assignee === user.id ? t('inbox.assignedToMe') : staffName(task.assignee) ? t('assign.assignedTo', { name: staffName(task.assignee) }) : t('tasks.assigned')}</Badge>}
      {supervisor && task.status === 'open' && (
        <details className="form-section">
          <summary>{t('assign.title')}</summary>
          <AssignTask task={task} onDone={(name) => setNotice(t('assign.done', { name }))} />
        </details>
      )}
    </article>
  );
}
