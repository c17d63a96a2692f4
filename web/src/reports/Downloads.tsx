// One-click downloads: the SIMFONI sheet and the compliance table for this month, quarter and
// year as plain same-origin links (they carry the session cookie; the server names the file).
// The SIMFONI sheet with identifying columns needs a stated purpose in a header, so it is
// fetched and saved as a file; it is offered to unit and department heads only.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRaw } from '../api/client';
import { useErrorText } from '../components/form';
import { Notice } from '../components/ui';
import { exportUrl, fileNameOf } from './period';

export interface DownloadPeriod {
  id: string;
  label: string;
  query: Record<string, string>;
}

const FILES = [
  { report: 'simfoni', format: 'xlsx' },
  { report: 'simfoni', format: 'csv' },
  { report: 'compliance', format: 'xlsx' },
  { report: 'compliance', format: 'csv' },
] as const;

export function DownloadLinks({ periods }: { periods: DownloadPeriod[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="downloads-title">
      <table className="table report-downloads">
        <caption className="visually-hidden">{t('reports.downloads.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.downloads.period')}</th>
            <th scope="col">{t('reports.downloads.simfoni')}</th>
            <th scope="col">{t('reports.downloads.compliance')}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.label}</th>
              {(['simfoni', 'compliance'] as const).map((report) => (
                <td key={report}>
                  <span className="report-downloads__links">
                    {FILES.filter((f) => f.report === report).map((f) => (
                      <a
                        key={f.format}
                        className="button button--secondary button--small"
                        href={exportUrl(report, f.format, p.query)}
                        download
                        data-download={`${report}-${f.format}-${p.id}`}
                      >
                        {t(`reports.downloads.${f.format}`)}
                        <span className="visually-hidden">
                          {' '}
                          {t(`reports.downloads.${report}`)}, {p.label}
                        </span>
                      </a>
                    ))}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Save a Blob as a file through a temporary object URL (no data stays in the page). */
function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function IdentifyingDownload({ periods }: { periods: DownloadPeriod[] }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const [purpose, setPurpose] = useState('');
  const [periodId, setPeriodId] = useState(periods[0]?.id ?? '');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (purpose.trim().length < 5) {
      setError(t('reports.identifying.purposeRequired'));
      document.getElementById('f-purpose')?.focus();
      return;
    }
    const p = periods.find((x) => x.id === periodId) ?? periods[0];
    if (!p) return;
    setBusy(true);
    setError(null);
    try {
      const url = exportUrl('simfoni', format, { ...p.query, identifying: 'true' });
      const res = await apiRaw(url, { headers: { 'X-Access-Purpose': purpose.trim(), Accept: '*/*' } });
      const blob = await res.blob();
      saveBlob(blob, fileNameOf(res.headers.get('Content-Disposition'), `simfoni-identitas.${format}`));
      setDone(true);
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card report-identifying" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="identifying-title">
      <h3 id="identifying-title">{t('reports.identifying.title')}</h3>
      <p className="muted">{t('reports.identifying.body')}</p>
      {error && (
        <div className="error-summary" role="alert">
          <p className="field__error">
            <a href="#f-purpose">{error}</a>
          </p>
        </div>
      )}
      {done && <Notice tone="ok">{t('reports.identifying.done')}</Notice>}
      <div className={`field${error ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor="f-purpose">
          {t('reports.identifying.purpose')}
        </label>
        <p className="field__hint" id="f-purpose-hint">
          {t('reports.identifying.purposeHint')}
        </p>
        <textarea
          id="f-purpose"
          className="textarea"
          rows={2}
          maxLength={500}
          value={purpose}
          aria-describedby="f-purpose-hint"
          aria-invalid={error ? true : undefined}
          onChange={(e) => setPurpose(e.target.value)}
        />
      </div>
      <div className="form-row">
        <div className="field">
          <label className="field__label" htmlFor="f-id-period">
            {t('reports.downloads.period')}
          </label>
          <select id="f-id-period" className="select" value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="fieldset fieldset--inline">
          <legend className="field__label">{t('reports.identifying.format')}</legend>
          <div className="choices">
            {(['xlsx', 'csv'] as const).map((f) => (
              <label key={f} className="choice">
                <input type="radio" name="id-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                <span>{t(`reports.downloads.${f}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('reports.identifying.busy') : t('reports.identifying.submit')}
      </button>
    </form>
  );
}
