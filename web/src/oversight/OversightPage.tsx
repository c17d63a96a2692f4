import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Task, TaskPage } from '../api/types';
import { useStaffName, useUnits } from '../api/hooks';
import { AssignTask } from '../components/AssignTask';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { Due } from '../components/Due';
import { Badge, Loading, NotAllowed, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ } from '../lib/time';

type View = 'step' | 'staff';

interface Group {
  key: string;
  title: string;
  tasks: Task[];
  overdue: number;
}

/** Sorted groups: the most overdue tasks first, then the soonest deadline (the API's order within). */
export function groupTasks(tasks: Task[], keyOf: (t: Task) => string, titleOf: (t: Task) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const task of tasks) {
    const key = keyOf(task);
    let g = groups.get(key);
    if (!g) {
      g = { key, title: titleOf(task), tasks: [], overdue: 0 };
      groups.set(key, g);
    }
    g.tasks.push(task);
    if (task.overdue) g.overdue++;
  }
  const firstDue = (g: Group) => g.tasks.map((t) => t.due_at ?? '9999').sort()[0] ?? '9999';
  return [...groups.values()].sort((a, b) => b.overdue - a.overdue || firstDue(a).localeCompare(firstDue(b)));
}

/** Heads' oversight: the unit's open tasks by SOP step or by staff member, overdue first; assign from here. */
export default function OversightPage() {
  const { t } = useTranslation();
  usePageTitle(t('oversight.title'));
  const { hasRole } = useSession();
  if (!hasRole(...SUPERVISOR_ROLES)) return <NotAllowed />;
  return <Oversight />;
}

function Oversight() {
  const { t } = useTranslation();
  const units = useUnits();
  const [view, setView] = useState<View>('step');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const q = useInfiniteQuery({
    queryKey: ['tasks', { scope: 'unit', overdue: overdueOnly, page: 200 }],
    queryFn: ({ pageParam }) =>
      api<TaskPage>('/api/v1/tasks', {
        query: { scope: 'unit', overdue: overdueOnly || undefined, after: pageParam ?? undefined, page_size: 200 },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
  const tasks = q.data?.pages.flatMap((p) => p.items) ?? [];
  const firstUnit = tasks[0]?.unit_id;
  const staffName = useStaffName(firstUnit);
  const groups =
    view === 'step'
      ? groupTasks(
          tasks,
          (x) => `${x.sop_id}#${x.step_id}`,
          (x) => `${x.sop_title ?? x.sop_id} — ${x.step_no ? x.step_no + '. ' : ''}${x.activity ?? x.step_id}`,
        )
      : groupTasks(
          tasks,
          (x) => x.assignee ?? `pool:${x.role}`,
          (x) =>
            x.assignee
              ? staffName(x.assignee) ?? t('inbox.assignedOther')
              : t('oversight.pool', { role: t(`role.${x.role}`, { defaultValue: x.role }) }),
        );
  const overdue = tasks.filter((x) => x.overdue).length;
  const unassigned = tasks.filter((x) => !x.assignee).length;

  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('oversight.title')}</h1>
      </div>
      <p className="muted">{t('oversight.lead')}</p>
      <div className="filters" role="group" aria-label={t('oversight.view')}>
        <button type="button" className="chip" aria-pressed={view === 'step'} onClick={() => setView('step')}>
          {t('oversight.byStep')}
        </button>
        <button type="button" className="chip" aria-pressed={view === 'staff'} onClick={() => setView('staff')}>
          {t('oversight.byStaff')}
        </button>
        <button type="button" className="chip" aria-pressed={overdueOnly} onClick={() => setOverdueOnly(!overdueOnly)}>
          {t('inbox.overdue')}
        </button>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : (
        <>
          <dl className="stats-row" aria-label={t('oversight.summary')}>
            <div>
              <dt>{t('oversight.open')}</dt>
              <dd>{tasks.length}</dd>
            </div>
            <div>
              <dt>{t('oversight.overdue')}</dt>
              <dd>{overdue}</dd>
            </div>
            <div>
              <dt>{t('oversight.unassigned')}</dt>
              <dd>{unassigned}</dd>
            </div>
          </dl>
          {tasks.length === 0 && <p className="muted">{t('inbox.empty')}</p>}
          {groups.map((g) => (
            <section key={g.key} className="oversight-group" aria-labelledby={`g-${cssId(g.key)}`}>
              <h2 id={`g-${cssId(g.key)}`}>
                {g.title}{' '}
                <span className="muted">
                  ({t('oversight.count', { count: g.tasks.length })}
                  {g.overdue > 0 && <>, </>}
                  {g.overdue > 0 && <Badge tone="danger">{t('oversight.lateCount', { count: g.overdue })}</Badge>})
                </span>
              </h2>
              <ul className="task-list">
                {g.tasks.map((task) => (
                  <OversightRow key={task.id} task={task} view={view} tz={units.get(task.unit_id)?.time_zone ?? DEFAULT_TZ} />
                ))}
              </ul>
            </section>
          ))}
          {q.hasNextPage && (
            <div className="pager">
              <button type="button" className="button button--secondary" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
                {t('common.more')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function cssId(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '-');
}

function OversightRow({ task, view, tz }: { task: Task; view: View; tz: string }) {
  const { t } = useTranslation();
  const staffName = useStaffName(task.unit_id);
  const who = task.assignee ? staffName(task.assignee) ?? t('inbox.assignedOther') : t('inbox.unassigned');
  return (
    <li className={'task-item' + (task.overdue ? ' task-item--late' : '')}>
      <div className="task-item__case">
        {/* One click to the task card: decide, approve, waive a requirement. */}
        <Link to={`/cases/${task.case_id}/tasks#task-${task.id}`}>{task.case_number}</Link>
        <div className="task-item__meta">{t(`role.${task.role}`, { defaultValue: task.role })}</div>
      </div>
      <div className="task-item__step">
        <div>
          {view === 'staff' ? (
            <>
              {task.step_no && <span className="muted">{task.step_no}. </span>}
              {task.activity ?? task.step_id}
              <span className="task-item__meta"> · {task.sop_title ?? task.sop_id}</span>
            </>
          ) : (
            <span>{who}</span>
          )}
        </div>
        <details className="task-item__assign">
          <summary>{task.assignee ? t('oversight.reassign') : t('assign.title')}</summary>
          <AssignTask task={task} />
        </details>
      </div>
      <div className="task-item__due">
        <Due due={task.due_at} tz={tz} standard={task.standard_time} />
      </div>
    </li>
  );
}
