import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useStaff } from '../api/hooks';
import type { Task } from '../api/types';
import { ErrorSummary, FormErrorsProvider, SelectField } from './form';

/** A supervisor gives an open task to a member of the unit's staff (those holding its role first). */
export function AssignTask({ task, onDone }: { task: Pick<Task, 'id' | 'unit_id' | 'role' | 'assignee'>; onDone?: (name: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const staff = useStaff(task.unit_id);
  const [who, setWho] = useState(task.assignee ?? '');
  const people = [...(staff.data?.items ?? [])].sort((a, b) => Number(b.roles.includes(task.role)) - Number(a.roles.includes(task.role)) || a.display_name.localeCompare(b.display_name));
  const m = useMutation({
    mutationFn: (assignee: string) => api<Task>(`/api/v1/tasks/${task.id}/assign`, { method: 'POST', body: { assignee } }),
    onSuccess: (_r, assignee) => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['task', task.id] });
      void qc.invalidateQueries({ queryKey: ['case'] });
      onDone?.(people.find((p) => p.id === assignee)?.display_name ?? '');
    },
  });
  const name = `assignee-${task.id}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (who) m.mutate(who);
  }
  return (
    <FormErrorsProvider value={{ error: m.error }}>
      <ErrorSummary error={m.error} />
      <form className="assign" onSubmit={submit} noValidate>
        <SelectField
          name={name}
          aliases={['assignee']}
          label={t('assign.label')}
          hint={t('assign.hint', { role: t(`role.${task.role}`, { defaultValue: task.role }) })}
          empty={t('common.choose')}
          options={people.map((p) => ({
            value: p.id,
            label: `${p.display_name} (${p.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ')})`,
          }))}
          value={who}
          onChange={(e) => setWho(e.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={!who || m.isPending}>
          {t('assign.submit')}
        </button>
      </form>
    </FormErrorsProvider>
  );
}
