import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { SESSION_KEY } from '../auth/session';
import { Checkbox, ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Loading, Notice, PageError } from '../components/ui';
import { adminKeys, useUnitSettings, type LetterSettings, type UnitSettings } from './adminApi';

export default function SettingsTab({ unit }: { unit: string }) {
  const q = useUnitSettings(unit);
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  return (
    <div>
      <UnitPolicy unit={unit} s={q.data} />
      <Letterhead unit={unit} s={q.data.letterhead} />
    </div>
  );
}

function UnitPolicy({ unit, s }: { unit: string; s: UnitSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [pack, setPack] = useState(s.sop_pack ?? '');
  const [twoStep, setTwoStep] = useState(s.two_factor_required);
  const [saved, setSaved] = useState(false);
  const m = useMutation({
    mutationFn: () => api<UnitSettings>(`/api/v1/units/${unit}/settings`, { method: 'PUT', body: { sop_pack: pack || undefined, two_factor_required: twoStep } }),
    onSuccess: (r) => {
      qc.setQueryData(adminKeys.settings(unit), r);
      // The session names each unit's pack: read it again.
      void qc.invalidateQueries({ queryKey: SESSION_KEY });
      setSaved(true);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    m.mutate();
  }
  return (
    <section className="card" aria-labelledby="unit-policy">
      <h2 id="unit-policy">{t('admin.unitPolicy')}</h2>
      <dl className="summary-list">
        <div>
          <dt>{t('admin.unitCode')}</dt>
          <dd>{s.code}</dd>
        </div>
        <div>
          <dt>{t('admin.timeZone')}</dt>
          <dd>{s.time_zone}</dd>
        </div>
      </dl>
      {saved && <Notice tone="ok">{t('admin.saved')}</Notice>}
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form onSubmit={submit} noValidate>
          <SelectField
            name="sop_pack"
            label={t('admin.sopPack')}
            hint={t('admin.sopPackHint')}
            empty={t('common.choose')}
            options={s.packs.map((p) => ({ value: p.id, label: `${p.name} (${p.id}, ${t('admin.sopCount', { count: p.sops })})` }))}
            value={pack}
            onChange={(e) => setPack(e.target.value)}
          />
          <Checkbox name="two_factor_required" label={t('admin.twoStep')} hint={t('admin.twoStepHint')} checked={twoStep} onChange={setTwoStep} />
          <button type="submit" className="button" disabled={m.isPending}>
            {t('admin.saveSettings')}
          </button>
        </form>
      </FormErrorsProvider>
    </section>
  );
}

function Letterhead({ unit, s }: { unit: string; s: LetterSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState(() => toForm(s));
  const [saved, setSaved] = useState(false);
  useEffect(() => setV(toForm(s)), [s]);
  const m = useMutation({
    mutationFn: () => api<LetterSettings>(`/api/v1/units/${unit}/letterhead`, { method: 'PUT', body: fromForm(v) }),
    onSuccess: () => {
      setSaved(true);
      void qc.invalidateQueries({ queryKey: adminKeys.settings(unit) });
    },
  });
  const field = (k: keyof typeof v) => ({ value: v[k], onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  return (
    <section className="card" aria-labelledby="letterhead-title">
      <h2 id="letterhead-title">{t('admin.letterhead')}</h2>
      <p>
        {/* The real PDF, as the unit's letters will print (the browser's own PDF viewer). */}
        <a className="button button--secondary" href={`/api/v1/units/${unit}/letterhead/preview`} target="_blank" rel="noopener">
          {t('admin.letterheadPreview')}
        </a>
      </p>
      {saved && <Notice tone="ok">{t('admin.saved')}</Notice>}
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            m.mutate();
          }}
          noValidate
        >
          <TextArea name="authority" label={t('admin.lh.authority')} hint={t('admin.lh.authorityHint')} rows={3} {...field('authority')} />
          <TextField name="name" label={t('admin.lh.name')} {...field('name')} />
          <TextField name="address" label={t('admin.lh.address')} {...field('address')} />
          <TextField name="phone" label={t('admin.lh.phone')} optional {...field('phone')} />
          <TextField name="email" label={t('admin.lh.email')} optional {...field('email')} />
          <TextField name="city" label={t('admin.lh.city')} {...field('city')} />
          <TextField name="head.name" label={t('admin.lh.headName')} {...field('headName')} />
          <TextField name="head.nip" label={t('admin.lh.headNip')} {...field('headNip')} />
          <TextField name="head.rank" label={t('admin.lh.headRank')} optional {...field('headRank')} />
          <TextField name="head.position" label={t('admin.lh.headPosition')} optional {...field('headPosition')} />
          <TextField name="agenda.pattern" label={t('admin.lh.pattern')} hint={t('admin.lh.patternHint')} {...field('pattern')} />
          <TextField name="agenda.classification" label={t('admin.lh.classification')} optional {...field('classification')} />
          <TextField name="agenda.unit_code" label={t('admin.lh.unitCode')} optional {...field('unitCode')} />
          <button type="submit" className="button" disabled={m.isPending}>
            {t('admin.saveLetterhead')}
          </button>
        </form>
      </FormErrorsProvider>
    </section>
  );
}

function toForm(s: LetterSettings) {
  return {
    authority: s.authority.join('\n'),
    name: s.name ?? '',
    address: s.address ?? '',
    phone: s.phone ?? '',
    email: s.email ?? '',
    city: s.city ?? '',
    headName: s.head?.name ?? '',
    headNip: s.head?.nip ?? '',
    headRank: s.head?.rank ?? '',
    headPosition: s.head?.position ?? '',
    pattern: s.agenda?.pattern ?? '',
    classification: s.agenda?.classification ?? '',
    unitCode: s.agenda?.unit_code ?? '',
  };
}

function fromForm(v: ReturnType<typeof toForm>): LetterSettings {
  const opt = (x: string) => (x.trim() ? x.trim() : undefined);
  return {
    authority: v.authority
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    name: v.name,
    address: v.address,
    phone: opt(v.phone),
    email: opt(v.email),
    city: v.city,
    head: { name: v.headName, nip: v.headNip, rank: opt(v.headRank), position: opt(v.headPosition) },
    agenda: { pattern: opt(v.pattern), classification: opt(v.classification), unit_code: opt(v.unitCode) },
  };
}
