import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { keys, useStaff, useStaffName, useT } from '../api/hooks';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { ErrorSummary, FormErrorsProvider, SelectField, TextArea, useErrorText } from '../components/form';
import { Loading, Notice, PageError } from '../components/ui';
import { formatDateTime } from '../lib/time';
import type { CaseTabProps } from './tab';

interface TeamMember {
  user_id: string;
  username: string;
  display_name: string;
  since: string;
  joined_by: 'opened' | 'task' | 'added';
}
interface AccessEntry {
  at: string;
  user_id: string;
  unit_id: string;
  case_id: string;
  section: string;
  purpose: string | null;
  request_id: string;
}

/** Who may see the case and why: the sensitive flag, the case team, and (for heads) who viewed it. */
export default function AccessTab({ c, tz }: CaseTabProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const rolesHere = user.roles.filter((r) => r.unit_id === c.unit_id).map((r) => r.role);
  const supervisor = rolesHere.some((r) => SUPERVISOR_ROLES.includes(r));
  const head = rolesHere.some((r) => r === 'unit_head' || r === 'department_head');
  const canShapeTeam = supervisor || rolesHere.includes('case_manager');
  return (
    <div>
      <Sensitivity c={c} head={head} />
      <Team c={c} tz={tz} canAdd={canShapeTeam} canRemove={supervisor} />
      <section className="card" aria-labelledby="who-may-see">
        <h2 id="who-may-see">{t('access.whoTitle')}</h2>
        <ul>
          <li>{t('access.whoTeam')}</li>
          <li>{t('access.whoAssignees')}</li>
          <li>{c.sensitive ? t('access.whoPoolSensitive') : t('access.whoPool')}</li>
          <li>{t('access.whoHeads')}</li>
        </ul>
      </section>
      {head && <AccessLog caseId={c.id} unitId={c.unit_id} tz={tz} />}
    </div>
  );
}

function Sensitivity({ c, head }: { c: CaseTabProps['c']; head: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const m = useMutation({
    mutationFn: (sensitive: boolean) => api(`/api/v1/cases/${c.id}/sensitivity`, { method: 'PUT', body: { sensitive, reason } }),
    onSuccess: (_r, sensitive) => {
      setReason('');
      setDone(sensitive ? t('access.markedSensitive') : t('access.clearedSensitive'));
      void qc.invalidateQueries({ queryKey: keys.case(c.id) });
      void qc.invalidateQueries({ queryKey: keys.caseTeam(c.id) });
    },
  });
  // Anyone who sees the case may flag it; only a unit or department head clears it.
  const may = !c.sensitive || head;
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    m.mutate(!c.sensitive);
  }
  return (
    <section className="card" aria-labelledby="sensitivity-title">
      <h2 id="sensitivity-title">{t('access.sensitiveTitle')}</h2>
      <p>{c.sensitive ? t('access.isSensitive') : t('access.notSensitive')}</p>
      {done && <Notice tone="ok">{done}</Notice>}
      {may ? (
        <FormErrorsProvider value={{ error: m.error }}>
          <ErrorSummary error={m.error} />
          <form onSubmit={submit} noValidate>
            <TextArea
              name="reason"
              label={c.sensitive ? t('access.clearReason') : t('access.markReason')}
              hint={t('access.reasonHint')}
              value={reason}
              rows={2}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className={c.sensitive ? 'button button--secondary' : 'button'} disabled={m.isPending}>
              {c.sensitive ? t('access.clear') : t('access.mark')}
            </button>
          </form>
        </FormErrorsProvider>
      ) : (
        <p className="muted">{t('access.onlyHeadClears')}</p>
      )}
    </section>
  );
}

function Team({ c, tz, canAdd, canRemove }: { c: CaseTabProps['c']; tz: string; canAdd: boolean; canRemove: boolean }) {
  const { t } = useTranslation();
  const tt = useT();
  const qc = useQueryClient();
  const text = useErrorText();
  const team = useQuery({
    queryKey: keys.caseTeam(c.id),
    queryFn: () => api<{ items: TeamMember[] }>(`/api/v1/cases/${c.id}/team`),
  });
  const staff = useStaff(c.unit_id);
  const [who, setWho] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation({
    mutationFn: () => api(`/api/v1/cases/${c.id}/team`, { method: 'POST', body: { user_id: who, reason: reason || null } }),
    onSuccess: () => {
      setWho('');
      setReason('');
      void qc.invalidateQueries({ queryKey: keys.caseTeam(c.id) });
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api(`/api/v1/cases/${c.id}/team/${userId}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.caseTeam(c.id) }),
  });
  const members = team.data?.items ?? [];
  const onTeam = new Set(members.map((m) => m.user_id));
  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">{t('access.teamTitle')}</h2>
      {team.isPending ? (
        <Loading />
      ) : team.isError ? (
        <PageError error={team.error} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="team-title">
        <table className="table">
          <caption className="visually-hidden">{t('access.teamTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.member')}</th>
              <th scope="col">{t('access.joinedBy')}</th>
              <th scope="col">{t('access.since')}</th>
              {canRemove && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.user_id}>
                <td>{m.display_name}</td>
                <td>{t(`access.joined.${m.joined_by}`)}</td>
                <td>{formatDateTime(m.since, tz, tt)}</td>
                {canRemove && (
                  <td>
                    <button type="button" className="button button--link" onClick={() => remove.mutate(m.user_id)} disabled={remove.isPending}>
                      {t('access.remove', { name: m.display_name })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {remove.isError && <p className="field__error">{text(remove.error)}</p>}
      {canAdd && (
        <FormErrorsProvider value={{ error: add.error }}>
          <ErrorSummary error={add.error} />
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (who) add.mutate();
            }}
            noValidate
          >
            <SelectField
              name="user_id"
              label={t('access.add')}
              empty={t('common.choose')}
              options={(staff.data?.items ?? [])
                .filter((s) => !onTeam.has(s.id))
                .map((s) => ({ value: s.id, label: `${s.display_name} (${s.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ')})` }))}
              value={who}
              onChange={(e) => setWho(e.target.value)}
            />
            <TextArea name="reason" label={t('access.addReason')} optional rows={1} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="button button--secondary" disabled={!who || add.isPending}>
              {t('access.addSubmit')}
            </button>
          </form>
        </FormErrorsProvider>
      )}
    </section>
  );
}

function AccessLog({ caseId, unitId, tz }: { caseId: string; unitId: string; tz: string }) {
  const { t } = useTranslation();
  const tt = useT();
  const name = useStaffName(unitId);
  const q = useQuery({
    queryKey: ['case', caseId, 'access-log'],
    queryFn: () => api<{ items: AccessEntry[] }>('/api/v1/audit', { query: { case_id: caseId } }),
  });
  return (
    <section className="card" aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t('access.logTitle')}</h2>
      <p className="muted">{t('access.logLead')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('access.logEmpty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="access-log-title">
          <table className="table access-log">
            <caption className="visually-hidden">{t('access.logTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.when')}</th>
                <th scope="col">{t('access.who')}</th>
                <th scope="col">{t('access.what')}</th>
                <th scope="col">{t('access.purpose')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e, i) => (
                <tr key={`${e.request_id}-${i}`}>
                  <td>{formatDateTime(e.at, tz, tt)}</td>
                  <td>{name(e.user_id) ?? t('history.byStaff')}</td>
                  <td>{t(`access.section.${e.section}`, { defaultValue: e.section })}</td>
                  <td>{e.purpose ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
