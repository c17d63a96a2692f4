import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { ErrorSummary, FormErrorsProvider, SelectField } from '../components/form';
import { Loading } from '../components/ui';
import { FormRenderer, useBilingual } from '../forms/FormRenderer';
import { submission } from '../forms/logic';
import type { Bilingual, FormValues } from '../forms/types';
import { useFormDefinition } from '../forms/useForm';
import { useInvalidateCase } from './caseApi';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

/** A form of forms/ filled from its definition (the one generic renderer) and filed on the case.
 * `form` presets the choice (a task offering the form that fills a required document). */
export function FillForm({ c, tz, onDone, form, correct }: CaseTabProps & { onDone: (msg: string | null) => void; form?: string; correct?: { id: string; version: number; form: string } }) {
  const { t } = useTranslation();
  const L = useBilingual();
  const invalidate = useInvalidateCase(c.id);
  const list = useQuery({ queryKey: ['forms'], queryFn: () => api<{ forms: { id: string; title: Bilingual }[] }>('/api/v1/forms'), staleTime: 30 * 60_000 });
  const [formId, setFormId] = useState(correct?.form ?? form ?? '');
  const def = useFormDefinition(formId || undefined);
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  // Correcting a filed form: its values as filed, then the whole form again with its version.
  const filed = useQuery({
    queryKey: ['case', c.id, 'document', correct?.id],
    queryFn: () => api<{ values: FormValues; version: number }>(`/api/v1/cases/${c.id}/documents/${correct!.id}`),
    enabled: !!correct,
    staleTime: 0,
  });
  useEffect(() => {
    if (filed.data) setValues(filed.data.values);
  }, [filed.data]);
  const people = (c.people ?? []).filter((p) => p.person_id).map((p) => ({ id: p.person_id!, label: `${personLabel(p, t)} (${t(`personRole.${p.role}`, { defaultValue: String(p.role) })})` }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!def.data) return;
    setBusy(true);
    setError(null);
    try {
      if (correct)
        await api(`/api/v1/cases/${c.id}/documents/${correct.id}`, {
          method: 'PUT',
          body: { version: filed.data?.version ?? correct.version, values: submission(def.data, values) },
          idempotencyKey: idem.current,
        });
      else await api(`/api/v1/cases/${c.id}/documents`, { method: 'POST', body: { form: formId, values: submission(def.data, values) }, idempotencyKey: idem.current });
      invalidate();
      onDone(correct ? t('correction.saved', { title: L(def.data.title) }) : t('documents.filedNotice', { title: L(def.data.title) }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{correct ? t('correction.title') : t('documents.fill')}</h3>
      {correct ? (
        <p className="muted">{t('correction.intro')}</p>
      ) : (
        <SelectField
          name="form-choice"
          label={t('documents.chooseForm')}
          empty={t('common.choose')}
          options={(list.data?.forms ?? []).map((f) => ({ value: f.id, label: L(f.title) }))}
          value={formId}
          onChange={(e) => {
            setFormId(e.target.value);
            setValues({});
            setError(null);
          }}
        />
      )}
      {correct && filed.isPending && <Loading />}
      {formId && def.isPending && <Loading />}
      {def.data && (!correct || filed.data) && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <p className="muted">{L(def.data.description)}</p>
            <FormRenderer def={def.data} values={values} onChange={setValues} people={people} prefix="values" tz={tz} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {correct ? t('correction.save') : t('documents.save')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </FormErrorsProvider>
      )}
    </div>
  );
}
