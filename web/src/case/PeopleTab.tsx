import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useCategoryOptions } from '../api/hooks';
import type { PersonOut } from '../api/types';
import { Checkbox, ChoiceGroup, ErrorSummary, FormErrorsProvider, SelectField, TextArea, TextField } from '../components/form';
import { Notice } from '../components/ui';
import { useInvalidateCase } from './caseApi';
import type { CaseTabProps } from './tab';

export function personLabel(p: PersonOut | undefined, t: (k: string) => string): string {
  if (!p) return '—';
  return p.name ?? t('people.erased');
}

export function agePart(p: PersonOut, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (p.birth_date) return p.birth_date;
  if (typeof p.age_years === 'number') return t('people.years', { count: p.age_years });
  return '—';
}

export default function PeopleTab({ c }: CaseTabProps) {
  const { t } = useTranslation();
  const people = c.people ?? [];
  const [editing, setEditing] = useState<PersonOut | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const byId = new Map(people.map((p) => [p.person_id, p]));
  return (
    <>
      <div className="page__head">
        <h2>{t('people.title')}</h2>
        {c.status !== 'closed' && editing === null && (
          <button type="button" className="button button--secondary" onClick={() => { setSaved(false); setEditing('new'); }}>
            {t('people.add')}
          </button>
        )}
      </div>
      {saved && <Notice tone="ok">{t('people.saved')}</Notice>}
      {editing !== null && (
        <PersonForm
          caseId={c.id}
          person={editing === 'new' ? null : editing}
          clients={people.filter((p) => p.role === 'client')}
          onDone={(ok) => {
            setEditing(null);
            setSaved(ok);
          }}
        />
      )}
      <div className="table-wrap">
        <table className="table table--stack">
          <caption className="visually-hidden">{t('people.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.role')}</th>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('person.sex')}</th>
              <th scope="col">{t('people.age')}</th>
              <th scope="col">{t('people.relation')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={`${p.role}-${p.person_id}`}>
                <td data-label={t('people.role')}>{t(`personRole.${p.role}`, { defaultValue: String(p.role) })}</td>
                <td data-label={t('person.name')}>{personLabel(p, t)}</td>
                <td data-label={t('person.sex')}>{p.sex ? t(`sex.${p.sex}`) : '—'}</td>
                <td data-label={t('people.age')}>{agePart(p, t)}</td>
                <td data-label={t('people.relation')}>
                  {p.relation ? t(`relation.${p.relation}`, { defaultValue: String(p.relation) }) : '—'}
                  {p.guardian_of && <> · {t('people.guardianOf', { name: personLabel(byId.get(p.guardian_of), t) })}</>}
                </td>
                <td>
                  {p.role !== 'reporter' && c.status !== 'closed' && (
                    <button type="button" className="button button--link" onClick={() => { setSaved(false); setEditing(p); }}>
                      {t('people.correct')}
                      <span className="visually-hidden"> {personLabel(p, t)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PersonForm({
  caseId,
  person,
  clients,
  onDone,
}: {
  caseId: string;
  person: PersonOut | null;
  clients: PersonOut[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateCase(caseId);
  const perpRelations = useCategoryOptions('perpetrator_relations');
  const [role, setRole] = useState<string>(person?.role ?? '');
  const [f, setF] = useState({
    name: person?.name ?? '',
    sex: person?.sex ?? '',
    birth_date: person?.birth_date ?? '',
    age_years: person?.age_years !== undefined ? String(person.age_years) : '',
    nik: person?.nik ?? '',
    phone: person?.phone ?? '',
    address: person?.address ?? '',
    relation: (person?.relation as string) ?? '',
    guardian_of: person?.guardian_of ?? (clients.length === 1 ? clients[0]!.person_id ?? '' : ''),
    disability: !!person?.disability,
  });
  const set = (k: keyof typeof f, v: string | boolean) => setF((x) => ({ ...x, [k]: v }));
  const [error, setError] = useState<unknown>(null);
  const idem = useRef(newIdempotencyKey());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const body: Record<string, unknown> = {};
    if (!person) body.role = role || undefined;
    const o = (k: keyof typeof f) => (typeof f[k] === 'string' && (f[k] as string).trim() !== '' ? (f[k] as string).trim() : undefined);
    body.name = o('name');
    body.sex = o('sex');
    body.birth_date = o('birth_date');
    body.age_years = o('birth_date') || !o('age_years') ? undefined : Number(f.age_years);
    body.nik = o('nik');
    body.phone = o('phone');
    body.address = o('address');
    const r = person?.role ?? role;
    if (r !== 'client') body.relation = o('relation');
    if (r === 'guardian') body.guardian_of = o('guardian_of');
    if (r === 'client') body.disability = f.disability;
    try {
      if (person) await api(`/api/v1/cases/${caseId}/people/${person.person_id}`, { method: 'PUT', body, idempotencyKey: idem.current });
      else await api(`/api/v1/cases/${caseId}/people`, { method: 'POST', body, idempotencyKey: idem.current });
      invalidate();
      onDone(true);
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    }
  }

  const r = person?.role ?? role;
  const relationOptions =
    r === 'guardian'
      ? ['parent', 'family', 'other'].map((v) => ({ value: v, label: t(`relation.${v}`) }))
      : perpRelations;
  return (
    <div className="card">
      <h3>{person ? t('people.correctTitle') : t('people.addTitle')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          {!person && (
            <ChoiceGroup
              name="person.role"
              legend={t('people.role')}
              inline
              options={['client', 'perpetrator', 'guardian'].map((v) => ({ value: v, label: t(`personRole.${v}`) }))}
              value={role}
              onChange={(v) => setRole(v as string)}
            />
          )}
          <TextField name="person.name" label={t('person.name')} optional={r === 'perpetrator'} autoComplete="off" value={f.name} onChange={(e) => set('name', e.target.value)} />
          <ChoiceGroup
            name="person.sex"
            legend={t('person.sex')}
            inline
            options={[
              { value: 'female', label: t('sex.female') },
              { value: 'male', label: t('sex.male') },
            ]}
            value={f.sex}
            onChange={(v) => set('sex', v as string)}
          />
          <div className="form-row">
            <TextField name="person.birth_date" type="date" className="input--date" label={t('person.birthDate')} optional value={f.birth_date} onChange={(e) => set('birth_date', e.target.value)} />
            <TextField name="person.age_years" inputMode="numeric" className="input--short" label={t('person.age')} optional value={f.age_years} onChange={(e) => set('age_years', e.target.value)} />
          </div>
          <TextField name="person.nik" label={t('person.nik')} hint={t('person.nikHint')} inputMode="numeric" optional autoComplete="off" value={f.nik} onChange={(e) => set('nik', e.target.value)} />
          <TextField name="person.phone" type="tel" label={t('person.phone')} optional autoComplete="off" value={f.phone} onChange={(e) => set('phone', e.target.value)} />
          <TextArea name="person.address" label={t('person.address')} optional rows={2} value={f.address} onChange={(e) => set('address', e.target.value)} />
          {(r === 'perpetrator' || r === 'guardian') && (
            <SelectField name="person.relation" label={t('people.relation')} empty={t('common.choose')} options={relationOptions} value={f.relation} onChange={(e) => set('relation', e.target.value)} />
          )}
          {r === 'guardian' && (
            <SelectField
              name="person.guardian_of"
              label={t('people.guardianFor')}
              empty={t('common.choose')}
              options={clients.map((p) => ({ value: p.person_id ?? '', label: personLabel(p, t) }))}
              value={f.guardian_of}
              onChange={(e) => set('guardian_of', e.target.value)}
            />
          )}
          {r === 'client' && <Checkbox name="person.disability" label={t('person.disability')} checked={f.disability} onChange={(v) => set('disability', v)} />}
          <div className="actions">
            <button type="submit" className="button">
              {person ? t('people.saveCorrection') : t('people.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
