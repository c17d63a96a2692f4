import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import { ErrorSummary, FormErrorsProvider, SelectField } from '../components/form';
import { humanize } from './caseApi';

interface UploadState {
  upload_id: string;
  received: number;
  chunk_size: number;
  size: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scan, photo or recording sent in chunks (docs/uploads.md): a progress bar, and after a
 * dropped connection it asks the server how much arrived and goes on from there.
 */
export function Upload({ caseId, kinds, onDone }: { caseId: string; kinds: string[]; onDone: (title: string) => void }) {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(new ApiError(400, { code: 'required', message: 'Choose a file.', message_id: 'Pilih berkas.', field: 'file' }));
      return;
    }
    try {
      const up = await api<UploadState>(`/api/v1/cases/${caseId}/uploads`, {
        method: 'POST',
        body: { media_type: file.type || 'application/octet-stream', size: file.size, kind: kind || undefined },
      });
      let received = up.received;
      setProgress(0);
      let failures = 0;
      while (received < file.size) {
        const end = Math.min(file.size, received + up.chunk_size);
        try {
          const r = await api<UploadState>(`/api/v1/cases/${caseId}/uploads/${up.upload_id}/chunks/${received}`, {
            method: 'PUT',
            raw: { body: file.slice(received, end), contentType: 'application/octet-stream' },
          });
          received = r.received;
          failures = 0;
          setRetrying(false);
          setProgress(Math.round((received / file.size) * 100));
        } catch (err) {
          if (!(err instanceof ApiError) || (err.status !== 0 && err.code !== 'offset_mismatch') || failures >= 8) throw err;
          // Dropped connection or a lost answer: ask what arrived, then go on from there.
          failures++;
          setRetrying(true);
          await wait(Math.min(15000, 1000 * 2 ** failures));
          const s = await api<UploadState>(`/api/v1/cases/${caseId}/uploads/${up.upload_id}`);
          received = s.received;
        }
      }
      const doc = await api<{ title?: string }>(`/api/v1/cases/${caseId}/uploads/${up.upload_id}/complete`, {
        method: 'POST',
        body: {},
        idempotencyKey: newIdempotencyKey(),
      });
      setProgress(null);
      if (fileRef.current) fileRef.current.value = '';
      onDone(doc.title ?? file.name);
    } catch (err) {
      setProgress(null);
      setRetrying(false);
      setError(err);
    }
  }

  return (
    <div className="card">
      <h3>{t('upload.title')}</h3>
      <FormErrorsProvider value={{ error }}>
        <ErrorSummary error={error} />
        <form onSubmit={send} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="f-file">
              {t('upload.file')}
            </label>
            <div className="field__hint" id="f-file-hint">
              {t('upload.hint')}
            </div>
            <input
              id="f-file"
              ref={fileRef}
              type="file"
              className="file-input"
              aria-describedby="f-file-hint"
              accept="application/pdf,image/jpeg,image/png,image/webp,image/heic,audio/mpeg,audio/mp4,audio/ogg"
            />
          </div>
          {kinds.length > 0 && (
            <SelectField
              name="kind"
              label={t('upload.kind')}
              hint={t('upload.kindHint')}
              optional
              empty={t('upload.noKind')}
              options={kinds.map((k) => ({ value: k, label: humanize(k) }))}
              value={kind}
              onChange={(e) => setKind(e.target.value)}
            />
          )}
          {progress !== null && (
            <div className="field">
              <label htmlFor="upload-progress" className="field__label">
                {retrying ? t('upload.retrying') : t('upload.progress', { percent: progress })}
              </label>
              <progress id="upload-progress" max={100} value={progress} />
            </div>
          )}
          <button type="submit" className="button" disabled={progress !== null}>
            {t('upload.send')}
          </button>
        </form>
      </FormErrorsProvider>
    </div>
  );
}
