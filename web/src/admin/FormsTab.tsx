import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Loading, PageError } from '../components/ui';
import type { FormDefinition, FormField } from '../forms/types';

/** The forms of forms/ as outlines to review: sections, fields, types, required, options. */
export default function FormsTab() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['forms'], queryFn: () => api<{ forms: { id: string; title: { id: string; en: string } }[] }>('/api/v1/forms') });
  const [form, setForm] = useState('');
  if (list.isPending) return <Loading />;
  if (list.isError) return <PageError error={list.error} retry={() => void list.refetch()} />;
  return (
    <div>
      <div className="field">
        <label className="field__label" htmlFor="f-form-outline">
          {t('admin.form')}
        </label>
        <select id="f-form-outline" className="select" value={form} onChange={(e) => setForm(e.target.value)}>
          <option value="">{t('common.choose')}</option>
          {list.data.forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title.id}
            </option>
          ))}
        </select>
      </div>
      {form && <Outline id={form} />}
    </div>
  );
}

function Outline({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const q = useQuery({ queryKey: ['form', id], queryFn: () => api<FormDefinition>(`/api/v1/forms/${id}`), staleTime: 30 * 60_000 });
  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const f = q.data;
  const label = (b: { id: string; en: string }) => (en ? b.en : b.id);
  const describe = (x: FormField) =>
    [t(`admin.fieldType.${x.type}`, { defaultValue: x.type }), x.required ? t('admin.required') : x.required_when ? t('admin.requiredWhen') : t('admin.optional'), x.when ? t('admin.conditional') : '', x.sensitive ? t('admin.sensitiveField') : '']
      .filter(Boolean)
      .join(' · ');
  return (
    <article className="card form-outline" aria-labelledby="outline-title">
      <h2 id="outline-title">{label(f.title)}</h2>
      <p className="muted">{label(f.description)}</p>
      <ol className="outline">
        {f.sections.map((s) => (
          <li key={s.id}>
            <h3>
              {label(s.title)}
              {s.when && <span className="muted"> · {t('admin.conditional')}</span>}
            </h3>
            <ol className="outline__fields">
              {f.sections.length > 0 &&
                s.fields.map((x) => (
                  <li key={x.id}>
                    <strong>{label(x.label)}</strong> <span className="muted">({describe(x)})</span>
                    {x.options && x.options.length > 0 && <div className="task-item__meta">{x.options.map((o) => label(o.label)).join(' / ')}</div>}
                  </li>
                ))}
            </ol>
          </li>
        ))}
      </ol>
    </article>
  );
}
