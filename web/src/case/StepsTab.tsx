import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../api/client';
import { useActorName, useSops, useT } from '../api/hooks';
import type { SopInstance, Task } from '../api/types';
import { ErrorSummary, FormErrorsProvider, SelectField } from '../components/form';
import { Badge, Loading, PageError } from '../components/ui';
import { describeDuration, describeStandard, formatDateTime, standardMs } from '../lib/time';
import { Due } from '../components/Due';
import { useCaseEvents, useCaseSops, useInvalidateCase, useSopDefinition } from './caseApi';
import type { CaseTabProps } from './tab';

export default function StepsTab({ c, tz, unit }: CaseTabProps) {
  const { t } = useTranslation();
  const q = useCaseSops(c.id);
  const ev = useCaseEvents(c.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const skipped = new Map<string, string[]>();
  for (const e of ev.data?.items ?? []) {
    if (e.type === 'StepSkipped') {
      const inst = String(e.payload.instance_id);
      skipped.set(inst, [...(skipped.get(inst) ?? []), String(e.payload.step_id)]);
    }
  }
  return (
    <>
      <h2 className="visually-hidden">{t('case.tab.steps')}</h2>
      {q.data.items.length === 0 && <p className="muted">{t('steps.none')}</p>}
      {q.data.items.map((inst) => (
        <Instance key={inst.id} inst={inst} tz={tz} skipped={skipped.get(inst.id) ?? []} />
      ))}
      {c.status !== 'closed' && (
        <StartSop caseId={c.id} pack={unit?.sop_pack} running={q.data.items.filter((i) => i.status === 'running').map((i) => i.sop_id)} />
      )}
    </>
  );
}

function Instance({ inst, tz, skipped }: { inst: SopInstance; tz: string; skipped: string[] }) {
  const { t } = useTranslation();
  const tt = useT();
  const def = useSopDefinition(inst.sop_id);
  const [chart, setChart] = useState(false);
  const stepOf = (id: string) => def.data?.steps.find((s) => s.id === id);
  const tasks = [...inst.tasks].sort((a, b) => a.opened_at.localeCompare(b.opened_at));
  return (
    <div className="card">
      <h3>
        {inst.title ?? def.data?.title ?? inst.sop_id}{' '}
        <Badge tone={inst.status === 'running' ? 'info' : 'neutral'}>{t(`steps.instance.${inst.status}`)}</Badge>
      </h3>
      <p className="muted">
        {t('steps.started', { at: formatDateTime(inst.started_at, tz, tt) })}
        {inst.ended_at && (
          <>
            {' · '}
            {t('steps.ended', { at: formatDateTime(inst.ended_at, tz, tt) })}
            {inst.end_reason && <> ({t(`endReason.${inst.end_reason}`, { defaultValue: inst.end_reason })})</>}
          </>
        )}
      </p>
      <ol className="timeline">
        {tasks.map((task) => (
          <TimelineTask key={task.id} task={task} tz={tz} decisionLabel={stepOf(task.step_id)?.decision?.find((d) => d.outcome === task.outcome)?.label} />
        ))}
        {skipped.map((sid) => {
          const s = stepOf(sid);
          return (
            <li key={sid} className="timeline__step timeline__step--skipped">
              <div className="timeline__title">
                {s?.no && `${s.no}. `}
                {s?.activity ?? sid}
              </div>
              <div className="timeline__meta">{t('steps.skipped')}</div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" className="button button--secondary button--small" aria-expanded={chart} onClick={() => setChart(!chart)}>
          {chart ? t('steps.hideChart') : t('steps.showChart')}
        </button>
        <a href={`/api/v1/sops/${inst.sop_id}?format=svg`} target="_blank" rel="noopener">
          {t('steps.openChart')}
        </a>
      </div>
      {chart && <img className="flowchart" src={`/api/v1/sops/${inst.sop_id}?format=svg`} alt={t('steps.chartAlt', { title: inst.title ?? inst.sop_id })} />}
    </div>
  );
}

function TimelineTask({ task, tz, decisionLabel }: { task: Task; tz: string; decisionLabel?: string }) {
  const { t } = useTranslation();
  const tt = useT();
  const actorName = useActorName(task.unit_id);
  const done = task.status === 'completed';
  const std = standardMs(task.standard_time);
  const actualMs = done && task.completed_at ? new Date(task.completed_at).getTime() - new Date(task.opened_at).getTime() : null;
  const over = actualMs !== null && std !== null && actualMs > std;
  const cls = done ? (over ? 'timeline__step--late' : 'timeline__step--done') : task.status === 'open' ? (task.overdue ? 'timeline__step--late' : 'timeline__step--open') : '';
  return (
    <li className={`timeline__step ${cls}`}>
      <div className="timeline__title">
        {task.step_no && `${task.step_no}. `}
        {task.activity ?? task.step_id}{' '}
        <Badge tone={done ? 'ok' : task.status === 'open' ? 'info' : 'neutral'}>{t(`taskStatus.${task.status}`)}</Badge>
      </div>
      <div className="timeline__meta">
        {t(`role.${task.role}`, { defaultValue: task.role })} · {t('steps.standard')}: {describeStandard(task.standard_time, tt)}
      </div>
      <div className="timeline__meta">
        {t('steps.opened')}: {formatDateTime(task.opened_at, tz, tt)}
        {done && task.completed_at && (
          <>
            <br />
            {t('steps.completed')}: {formatDateTime(task.completed_at, tz, tt)} {task.completed_by && actorName(task.completed_by)} ·{' '}
            <span className={over ? 'due--late' : undefined}>
              {t('steps.took', { duration: describeDuration(task.opened_at, task.completed_at, tt) })}
              {over && ` (${t('steps.overStandard')})`}
            </span>
          </>
        )}
      </div>
      {task.status === 'open' && (
        <div className="timeline__meta">
          <Due due={task.due_at} tz={tz} standard={task.standard_time} />
        </div>
      )}
      {task.outcome && (
        <div className="timeline__meta">
          {t('steps.decision')}: <strong>{decisionLabel ?? task.outcome}</strong>
        </div>
      )}
      {task.waiver && (
        <div className="timeline__meta">
          {t('steps.waived')}: {task.waiver.reason}
        </div>
      )}
    </li>
  );
}

function StartSop({ caseId, pack, running }: { caseId: string; pack?: string; running: string[] }) {
  const { t } = useTranslation();
  const sops = useSops();
  const invalidate = useInvalidateCase(caseId);
  const [sop, setSop] = useState('');
  const [key] = useState(newIdempotencyKey);
  const options = (sops.data?.items ?? []).filter((s) => (!pack || s.id.split('/')[0] === pack) && !running.includes(s.id));
  const m = useMutation({
    mutationFn: () => api(`/api/v1/cases/${caseId}/sops`, { method: 'POST', body: { sop }, idempotencyKey: `${key}-${sop}` }),
    onSuccess: () => {
      setSop('');
      invalidate();
    },
  });
  if (options.length === 0) return null;
  return (
    <div className="card">
      <h3>{t('steps.startTitle')}</h3>
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            m.mutate();
          }}
          noValidate
        >
          <SelectField
            name="sop"
            label={t('steps.startLabel')}
            empty={t('common.choose')}
            value={sop}
            onChange={(e) => setSop(e.target.value)}
            options={options.map((s) => ({ value: s.id, label: s.title }))}
          />
          <button type="submit" className="button" disabled={!sop || m.isPending}>
            {t('steps.start')}
          </button>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
