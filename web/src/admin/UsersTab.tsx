import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorSummary, FormErrorsProvider, TextField, useErrorText } from '../components/form';
import { Badge, Loading, PageError } from '../components/ui';
import { adminKeys, ASSIGNABLE_ROLES, type AdminUser, type NewAccount } from './adminApi';
import { OncePassword } from './OncePassword';

function RoleChecks({ name, legend, roles, onChange }: { name: string; legend: string; roles: string[]; onChange: (r: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset role-checks">
      <legend>{legend}</legend>
      {ASSIGNABLE_ROLES.map((r) => (
        <div className="checkbox" key={r}>
          <input
            type="checkbox"
            id={`${name}-${r}`}
            checked={roles.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
          />
          <label htmlFor={`${name}-${r}`}>{t(`role.${r}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

export default function UsersTab({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: adminKeys.users(unit), queryFn: () => api<{ items: AdminUser[] }>(`/api/v1/units/${unit}/users`) });
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  return (
    <div>
      {shown && <OncePassword username={shown.username} password={shown.password} onDone={() => setShown(null)} />}
      <AddUser unit={unit} onCreated={(a) => setShown({ username: a.user.username, password: a.password })} />
      <h2>{t('admin.usersTitle')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : (
        <ul className="admin-list" aria-label={t('admin.usersTitle')}>
          {q.data.items.map((u) => (
            <UserRow key={u.id} unit={unit} u={u} onPassword={(p) => setShown({ username: u.username, password: p })} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AddUser({ unit, onCreated }: { unit: string; onCreated: (a: NewAccount) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const m = useMutation({
    mutationFn: () => api<NewAccount>(`/api/v1/units/${unit}/users`, { method: 'POST', body: { username, display_name: displayName, roles } }),
    onSuccess: (a) => {
      setUsername('');
      setDisplayName('');
      setRoles([]);
      onCreated(a);
      void qc.invalidateQueries({ queryKey: adminKeys.users(unit) });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    m.mutate();
  }
  return (
    <details className="card">
      <summary>{t('admin.addUser')}</summary>
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form onSubmit={submit} noValidate>
          <TextField name="username" label={t('admin.username')} hint={t('admin.usernameHint')} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          <TextField name="display_name" label={t('admin.displayName')} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          <RoleChecks name="new-roles" legend={t('admin.rolesHere')} roles={roles} onChange={setRoles} />
          <button type="submit" className="button" disabled={m.isPending}>
            {t('admin.addUserSubmit')}
          </button>
        </form>
      </FormErrorsProvider>
    </details>
  );
}

function UserRow({ unit, u, onPassword }: { unit: string; u: AdminUser; onPassword: (p: string) => void }) {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const qc = useQueryClient();
  const text = useErrorText();
  const [roles, setRoles] = useState<string[]>(u.roles);
  const refresh = () => void qc.invalidateQueries({ queryKey: adminKeys.users(unit) });
  const setRolesM = useMutation({
    mutationFn: () => api(`/api/v1/units/${unit}/users/${u.id}/roles`, { method: 'PUT', body: { roles } }),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: () => api(`/api/v1/units/${unit}/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: () => api<{ password: string }>(`/api/v1/units/${unit}/users/${u.id}/password`, { method: 'POST', body: {} }),
    onSuccess: (r) => onPassword(r.password),
  });
  const error = setRolesM.error ?? toggle.error ?? reset.error;
  return (
    <li className="admin-item">
      <div className="admin-item__who">
        <strong>{u.display_name}</strong> <span className="muted">({u.username})</span>{' '}
        {u.disabled && <Badge tone="warn">{t('admin.disabled')}</Badge>}
        <div className="task-item__meta">{u.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ') || t('admin.noRole')}</div>
      </div>
      <div className="admin-item__actions">
        <button type="button" className="button button--secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
          {t('admin.resetPassword', { name: u.username })}
        </button>
        {u.id !== me.id && (
          <button type="button" className="button button--secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
            {u.disabled ? t('admin.enable', { name: u.username }) : t('admin.disable', { name: u.username })}
          </button>
        )}
        <details>
          <summary>{t('admin.changeRoles', { name: u.username })}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setRolesM.mutate();
            }}
          >
            <RoleChecks name={`roles-${u.id}`} legend={t('admin.rolesHere')} roles={roles} onChange={setRoles} />
            <button type="submit" className="button" disabled={setRolesM.isPending}>
              {t('admin.saveRoles')}
            </button>
          </form>
        </details>
      </div>
      {error && <p className="field__error">{text(error)}</p>}
    </li>
  );
}
