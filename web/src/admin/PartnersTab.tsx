import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorSummary, FormErrorsProvider, SelectField, TextField, useErrorText } from '../components/form';
import { Badge, Loading, PageError } from '../components/ui';
import { adminKeys, type AdminPartner, type NewAccount } from './adminApi';
import { OncePassword } from './OncePassword';

const KINDS = ['police', 'health', 'social', 'community', 'school', 'legal_aid', 'community_leader', 'task_force', 'other'];

export default function PartnersTab({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: adminKeys.partners(unit), queryFn: () => api<{ items: AdminPartner[] }>(`/api/v1/units/${unit}/partners`) });
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  return (
    <div>
      {shown && <OncePassword username={shown.username} password={shown.password} onDone={() => setShown(null)} />}
      <AddPartner unit={unit} />
      <h2>{t('admin.partnersTitle')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('admin.noPartners')}</p>
      ) : (
        <ul className="admin-list" aria-label={t('admin.partnersTitle')}>
          {q.data.items.map((p) => (
            <li key={p.id} className="admin-item admin-item--partner">
              <div className="admin-item__who">
                <strong>{p.name}</strong> <span className="muted">({p.code})</span> <Badge>{t(`partnerKind.${p.kind}`, { defaultValue: p.kind })}</Badge>{' '}
                {p.every_unit && <Badge tone="info">{t('admin.everyUnit')}</Badge>}
                {p.area && <div className="task-item__meta">{p.area}</div>}
                {p.users.length === 0 ? (
                  <div className="task-item__meta">{t('admin.noPartnerUsers')}</div>
                ) : (
                  <ul className="partner-users">
                    {p.users.map((u) =>
                      p.every_unit ? (
                        <li key={u.id}>
                          {u.display_name} <span className="muted">({u.username})</span>{' '}
                          {u.disabled && <Badge tone="warn">{t('admin.disabled')}</Badge>}
                        </li>
                      ) : (
                        <PartnerUser key={u.id} unit={unit} u={u} onPassword={(pw) => setShown({ username: u.username, password: pw })} />
                      ),
                    )}
                  </ul>
                )}
                {p.every_unit && <div className="task-item__meta">{t('admin.everyUnitAccounts')}</div>}
              </div>
              {!p.every_unit && (
                <AddPartnerUser unit={unit} partner={p} onCreated={(a) => setShown({ username: a.user.username, password: a.password })} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PartnerUser({ unit, u, onPassword }: { unit: string; u: AdminPartner['users'][number]; onPassword: (p: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const text = useErrorText();
  const toggle = useMutation({
    mutationFn: () => api(`/api/v1/units/${unit}/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: adminKeys.partners(unit) }),
  });
  const reset = useMutation({
    mutationFn: () => api<{ password: string }>(`/api/v1/units/${unit}/users/${u.id}/password`, { method: 'POST', body: {} }),
    onSuccess: (r) => onPassword(r.password),
  });
  const error = toggle.error ?? reset.error;
  return (
    <li>
      {u.display_name} <span className="muted">({u.username})</span> {u.disabled && <Badge tone="warn">{t('admin.disabled')}</Badge>}{' '}
      <button type="button" className="button button--link" onClick={() => reset.mutate()} disabled={reset.isPending}>
        {t('admin.resetPassword', { name: u.username })}
      </button>{' '}
      <button type="button" className="button button--link" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
        {u.disabled ? t('admin.enable', { name: u.username }) : t('admin.disable', { name: u.username })}
      </button>
      {error && <p className="field__error">{text(error)}</p>}
    </li>
  );
}

function AddPartner({ unit }: { unit: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ code: '', name: '', kind: '', area: '' });
  const m = useMutation({
    mutationFn: () => api(`/api/v1/units/${unit}/partners`, { method: 'POST', body: { ...v, area: v.area || undefined } }),
    onSuccess: () => {
      setV({ code: '', name: '', kind: '', area: '' });
      void qc.invalidateQueries({ queryKey: adminKeys.partners(unit) });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    m.mutate();
  }
  return (
    <details className="card">
      <summary>{t('admin.addPartner')}</summary>
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form onSubmit={submit} noValidate>
          <TextField name="name" label={t('admin.partnerName')} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
          <TextField name="code" label={t('admin.partnerCode')} hint={t('admin.partnerCodeHint')} value={v.code} onChange={(e) => setV({ ...v, code: e.target.value })} />
          <SelectField
            name="kind"
            label={t('admin.partnerKind')}
            empty={t('common.choose')}
            options={KINDS.map((k) => ({ value: k, label: t(`partnerKind.${k}`, { defaultValue: k }) }))}
            value={v.kind}
            onChange={(e) => setV({ ...v, kind: e.target.value })}
          />
          <TextField name="area" label={t('admin.partnerArea')} optional value={v.area} onChange={(e) => setV({ ...v, area: e.target.value })} />
          <button type="submit" className="button" disabled={m.isPending}>
            {t('admin.addPartnerSubmit')}
          </button>
        </form>
      </FormErrorsProvider>
    </details>
  );
}

function AddPartnerUser({ unit, partner, onCreated }: { unit: string; partner: AdminPartner; onCreated: (a: NewAccount) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const m = useMutation({
    mutationFn: () => api<NewAccount>(`/api/v1/units/${unit}/partners/${partner.id}/users`, { method: 'POST', body: { username, display_name: displayName } }),
    onSuccess: (a) => {
      setUsername('');
      setDisplayName('');
      onCreated(a);
      void qc.invalidateQueries({ queryKey: adminKeys.partners(unit) });
    },
  });
  const prefix = `pu-${partner.id}`;
  return (
    <details className="admin-item__actions">
      <summary>{t('admin.addPartnerUser', { partner: partner.name })}</summary>
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            m.mutate();
          }}
          noValidate
        >
          <TextField name={`${prefix}-username`} aliases={['username']} label={t('admin.username')} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          <TextField name={`${prefix}-display_name`} aliases={['display_name']} label={t('admin.displayName')} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          <button type="submit" className="button button--secondary" disabled={m.isPending}>
            {t('admin.addUserSubmit')}
          </button>
        </form>
      </FormErrorsProvider>
    </details>
  );
}
