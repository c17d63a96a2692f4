import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types';
import { groupTasks } from './OversightPage';

function task(id: string, step: string, assignee: string | null, due: string | null, overdue: boolean): Task {
  return {
    id,
    case_id: 'c',
    case_number: 'PPA-DEMO/2026/00001',
    unit_id: 'u',
    instance_id: 'i',
    sop_id: 'kalteng/mediasi',
    step_id: step,
    role: 'case_worker',
    assignee,
    status: 'open',
    opened_at: '2026-11-01T00:00:00Z',
    due_at: due,
    overdue,
  };
}

describe('the heads\' oversight groups', () => {
  const tasks = [
    task('1', 'a', 'rina', '2026-12-05T00:00:00Z', false),
    task('2', 'b', null, '2026-11-20T00:00:00Z', true),
    task('3', 'a', null, '2026-11-25T00:00:00Z', true),
    task('4', 'c', 'rina', null, false),
    task('5', 'b', 'budi', '2026-11-10T00:00:00Z', true),
  ];
  it('puts the step with the most overdue tasks first, then the soonest deadline', () => {
    const g = groupTasks(tasks, (t) => t.step_id, (t) => t.step_id);
    expect(g.map((x) => [x.key, x.overdue, x.tasks.length])).toEqual([
      ['b', 2, 2],
      ['a', 1, 2],
      ['c', 0, 1],
    ]);
  });
  it('groups by staff member, the unassigned pool of a role as its own group', () => {
    const g = groupTasks(tasks, (t) => t.assignee ?? `pool:${t.role}`, (t) => t.assignee ?? 'pool');
    expect(g.map((x) => x.key)).toEqual(['pool:case_worker', 'budi', 'rina']);
    expect(g[0]!.tasks.map((t) => t.id)).toEqual(['2', '3']);
  });
});
