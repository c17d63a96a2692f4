import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { useT } from '../api/hooks';
import { ErrorSummary, FormErrorsProvider, SelectField } from '../components/form';
import { Badge, Loading, Notice, PageError } from '../components/ui';
import { FormRenderer, useBilingual } from '../forms/FormRenderer';
import { submission } from '../forms/logic';
import type { Bilingual, FormValues } from '../forms/types';
import { useFormDefinition } from '../forms/useForm';
import { formatShortDateTime } from '../lib/time';
import { useCaseSops, useInvalidateCase } from './caseApi';
import { Letter } from './Letter';
import { Upload } from './Upload';
import { personLabel } from './PeopleTab';
import type { CaseTabProps } from './tab';

interface DocumentSummary {
  id: string;
  source: 'form' | 'upload' | 'letter';
  form: string | null;
  kinds: string[];
  title: string;
  version: number;
  created_at: string;
  updated_at: string;
  file?: { media_type: string; size: number } | null;
  letter?: { kind: string; agenda_number: string };
}

/** The case file: filled forms (from their definitions in forms/), uploads and letters. */
export default function DocumentsTab(props: CaseTabProps) {
  const { c, tz } = props;
  const { t } = useTranslation();
  const tt = useT();
  const invalidate = useInvalidateCase(c.id);
  const q = useQuery({ queryKey: ['case', c.id, 'documents'], queryFn: () => api<{ items: DocumentSummary[] }>(`/api/v1/cases/${c.id}/documents`) });
  const [mode, setMode] = useState<'form' | 'upload' | 'letter' | null>(null);
  const filling = mode === 'form';
  const setFilling = (on: boolean) => setMode(on ? 'form' : null);
  const [saved, setSaved] = useState<string | null>(null);
  const [letter, setLetter] = useState<{ id: string; number: string } | null>(null);
  const sops = useCaseSops(c.id);
  const kinds = [...new Set((sops.data?.items ?? []).flatMap((i) => i.tasks.filter((x) => x.status === 'open').flatMap((x) => x.requires ?? [])).filter((r) => !r.includes(':')))];
  return (
    <>
      <div className="page__head">
        <h2>{t('documents.title')}</h2>
        {c.status !== 'closed' && mode === null && (
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setLetter(null); setFilling(true); }}>
              {t('documents.fill')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setLetter(null); setMode('upload'); }}>
              {t('documents.upload')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setSaved(null); setLetter(null); setMode('letter'); }}>
              {t('documents.writeLetter')}
            </button>
          </div>
        )}
      </div>
      {saved && <Notice tone="ok">{saved}</Notice>}
      {letter && (
        <Notice tone="ok">
          <p>{t('letter.issued', { number: letter.number })}</p>
          <p>
            <a href={`/api/v1/cases/${c.id}/documents/${letter.id}/file`} target="_blank" rel="noopener">
              {t('letter.open')}
            </a>
          </p>
        </Notice>
      )}
      {mode === 'upload' && (
        <Upload
          caseId={c.id}
          kinds={kinds}
          onDone={(title) => {
            setMode(null);
            setSaved(t('documents.uploaded', { title }));
            invalidate();
          }}
        />
      )}
      {mode === 'letter' && (
        <Letter
          caseId={c.id}
          onDone={(doc) => {
            setMode(null);
            setLetter({ id: doc.id, number: doc.letter?.agenda_number ?? doc.title });
            invalidate();
          }}
        />
      )}
      {filling && (
        <FillForm
          {...props}
          onDone={(msg) => {
            setFilling(false);
            setSaved(msg);
          }}
        />
      )}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--stack">
            <caption className="visually-hidden">{t('documents.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('documents.name')}</th>
                <th scope="col">{t('documents.source')}</th>
                <th scope="col">{t('documents.filed')}</th>
                <th scope="col">{t('documents.file')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((d) => (
                <tr key={d.id}>
                  <td data-label={t('documents.name')}>
                    {d.title}
                    {d.letter && <div className="muted">{d.letter.agenda_number}</div>}
                    {d.version > 1 && <Badge>{t('documents.corrected', { count: d.version - 1 })}</Badge>}
                  </td>
                  <td data-label={t('documents.source')}>{t(`documents.sources.${d.source}`)}</td>
                  <td data-label={t('documents.filed')}>{formatShortDateTime(d.created_at, tz, tt)}</td>
                  <td data-label={t('documents.file')}>
                    {d.file ? (
                      <a href={`/api/v1/cases/${c.id}/documents/${d.id}/file`} download>
                        {t('documents.download')}
                        <span className="visually-hidden"> {d.title}</span>
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function FillForm({ c, tz, onDone }: CaseTabProps & { onDone: (msg: string | null) => void }) {
  const { t } = useTranslation();
  const L = useBilingual();
  const invalidate = useInvalidateCase(c.id);
  const list = useQuery({ queryKey: ['forms'], queryFn: () => api<{ forms: { id: string; title: Bilingual }[] }>('/api/v1/forms'), staleTime: 30 * 60_000 });
  const [formId, setFormId] = useState('');
  const def = useFormDefinition(formId || undefined);
  const [values, setValues] = useState<FormValues>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const people = (c.people ?? []).filter((p) => p.person_id).map((p) => ({ id: p.person_id!, label: `${personLabel(p, t)} (${t(`personRole.${p.role}`, { defaultValue: String(p.role) })})` }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!def.data) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/cases/${c.id}/documents`, { method: 'POST', body: { form: formId, values: submission(def.data, values) }, idempotencyKey: idem.current });
      invalidate();
      onDone(t('documents.filedNotice', { title: L(def.data.title) }));
    } catch (err) {
      setError(err);
      idem.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h3>{t('documents.fill')}</h3>
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
      {formId && def.isPending && <Loading />}
      {def.data && (
        <FormErrorsProvider value={{ error }}>
          <ErrorSummary error={error} />
          <form onSubmit={submit} noValidate>
            <p className="muted">{L(def.data.description)}</p>
            <FormRenderer def={def.data} values={values} onChange={setValues} people={people} prefix="values" tz={tz} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('documents.save')}
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
