import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Task, TaskPage } from '../api/types';
import { useSops, useStaffName, useUnits } from '../api/hooks';
import { AssignTask } from '../components/AssignTask';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { Due } from '../components/Due';
import { Loading, PageError, usePageTitle, Badge } from '../components/ui';
import { DEFAULT_TZ } from '../lib/time';
import { useErrorText } from '../components/form';

export default function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.title'));
  const { user, hasRole } = useSession();
  const supervisor = hasRole(...SUPERVISOR_ROLES);
  const [mine, setMine] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const [unitScope, setUnitScope] = useState(false);
  const [sop, setSop] = useState('');
  const sops = useSops();
  const units = useUnits();
  const packs = new Set([...units.values()].map((u) => u.sop_pack));
  const sopOptions = (sops.data?.items ?? []).filter((s) => packs.size === 0 || packs.has(s.id.split('/')[0]!));
  const params = { mine, overdue, scope: unitScope ? 'unit' : undefined, sop: sop || undefined };
  const q = useInfiniteQuery({
    queryKey: ['tasks', params],
    queryFn: ({ pageParam }) =>
      api<TaskPage>('/api/v1/tasks', {
        query: {
          mine: mine || undefined,
          overdue: overdue || undefined,
          scope: params.scope,
          sop: params.sop,
          after: pageParam ?? undefined,
          page_size: 50,
        },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('inbox.title')}</h1>
        <Link to="/intake" className="button">
          {t('layout.intake')}
        </Link>
      </div>
      <div className="filters" role="group" aria-label={t('inbox.filters')}>
        <button type="button" className="chip" aria-pressed={mine} onClick={() => setMine(!mine)}>
          {t('inbox.mine')}
        </button>
        <button type="button" className="chip" aria-pressed={overdue} onClick={() => setOverdue(!overdue)}>
          {t('inbox.overdue')}
        </button>
        {supervisor && (
          <button type="button" className="chip" aria-pressed={unitScope} onClick={() => setUnitScope(!unitScope)}>
            {t('inbox.unitScope')}
          </button>
        )}
        <div className="field">
          <label className="field__label" htmlFor="f-sop-filter">
            {t('inbox.sop')}
          </label>
          <select id="f-sop-filter" className="select" value={sop} onChange={(e) => setSop(e.target.value)}>
            <option value="">{t('inbox.allSops')}</option>
            {sopOptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t('inbox.empty')}</p>
      ) : (
        <ul className="task-list" aria-label={t('inbox.listLabel')}>
          {items.map((task) => (
            <TaskRow key={task.id} task={task} me={user.id} supervisor={supervisor} tz={units.get(task.unit_id)?.time_zone ?? DEFAULT_TZ} />
          ))}
        </ul>
      )}
      {q.hasNextPage && (
        <div className="pager">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void q.fetchNextPage()}
            disabled={q.isFetchingNextPage}
          >
            {t('common.more')}
          </button>
        </div>
      )}
    </section>
  );
}

function TaskRow({ task, me, tz, supervisor }: { task: Task; me: string; tz: string; supervisor: boolean }) {
  const { t } = useTranslation();
  const staffName = useStaffName(task.unit_id);
  const qc = useQueryClient();
  const text = useErrorText();
  const take = useMutation({
    mutationFn: (assignee: string | null) =>
      api<Task>(`/api/v1/tasks/${task.id}/assign`, { method: 'POST', body: { assignee } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });
  return (
    <li className={'task-item' + (task.overdue ? ' task-item--late' : '')}>
      <div className="task-item__case">
        {/* Straight to this task's card: decide, approve, complete (one click from the inbox). */}
        <Link to={`/cases/${task.case_id}/tasks#task-${task.id}`}>{task.case_number}</Link>
        <div className="task-item__meta">{t(`role.${task.role}`, { defaultValue: task.role })}</div>
      </div>
      <div className="task-item__step">
        <div>
          {task.step_no && <span className="muted">{task.step_no}. </span>}
          {task.activity ?? task.step_id}
        </div>
        <div className="task-item__meta">
          {task.sop_title ?? (task.sop_id === 'referral-follow-up' ? t('inbox.followUpSop') : task.sop_id)}
          {' · '}
          {task.assignee === me ? (
            <Badge tone="info">{t('inbox.assignedToMe')}</Badge>
          ) : task.assignee ? (
            staffName(task.assignee) ? t('assign.assignedTo', { name: staffName(task.assignee) }) : t('inbox.assignedOther')
          ) : (
            t('inbox.unassigned')
          )}{' '}
          {!task.assignee && (
            <button type="button" className="button button--link" onClick={() => take.mutate(me)} disabled={take.isPending}>
              {t('inbox.take')}
            </button>
          )}
          {task.assignee === me && (
            <button type="button" className="button button--link" onClick={() => take.mutate(null)} disabled={take.isPending}>
              {t('inbox.release')}
            </button>
          )}
        </div>
        {take.isError && <p className="field__error">{text(take.error)}</p>}
        {supervisor && (
          <details className="task-item__assign">
            <summary>{t('assign.title')}</summary>
            <AssignTask task={task} />
          </details>
        )}
      </div>
      <div className="task-item__due">
        <Due due={task.due_at} tz={tz} standard={task.standard_time} />
      </div>
    </li>
  );
}
