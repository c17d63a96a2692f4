import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useT } from '../api/hooks';
import { Badge, Loading, Notice, PageError } from '../components/ui';
import { formatShortDateTime } from '../lib/time';
import { useCaseSops, useInvalidateCase } from './caseApi';
import { Letter } from './Letter';
import { Upload } from './Upload';
import { FillForm } from './FillForm';
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
  const [correcting, setCorrecting] = useState<DocumentSummary | null>(null);
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
          c={c}
          assignments={(q.data?.items ?? []).filter((d) => d.letter?.kind === 'surat-tugas').map((d) => ({ value: d.id, label: `${d.title} ${d.letter!.agenda_number}` }))}
          plans={(q.data?.items ?? []).filter((d) => d.form === 'rencana-penjangkauan').map((d) => ({ value: d.id, label: `${d.title} (${d.created_at.slice(0, 10)})` }))}
          onDone={(doc) => {
            setMode(null);
            setLetter({ id: doc.id, number: doc.letter?.agenda_number ?? doc.title });
            invalidate();
          }}
        />
      )}
      {correcting && (
        <FillForm
          {...props}
          key={correcting.id}
          correct={{ id: correcting.id, version: correcting.version, form: correcting.form! }}
          onDone={(msg) => {
            setCorrecting(null);
            setSaved(msg);
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
                    {d.source === 'form' && d.form && c.status !== 'closed' && mode === null && !correcting && (
                      <div>
                        <button type="button" className="button button--link" onClick={() => { setSaved(null); setCorrecting(d); }}>
                          {t('correction.start')}
                          <span className="visually-hidden"> {d.title}</span>
                        </button>
                      </div>
                    )}
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
