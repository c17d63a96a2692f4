// The cross-table section of the report page: the user picks any two dimensions (rows and
// columns) and reads clients per pair of values from GET /api/v1/reports/statistics/cross,
// with row and column sums; for publication, counts of 1 and 2 come back withheld and read "<3".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageError } from '../components/ui';
import { useCross, type Scopes } from './reportsApi';

export function CrossSection({ scopes, query, enabled }: { scopes: Scopes; query: Record<string, string>; enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (r: { label: string; label_en: string }) => (lang === 'en' ? r.label_en : r.label);
  const dims = scopes.dimensions;
  const [rows, setRows] = useState(dims.find((d) => d.id === 'violence_form')?.id ?? dims[0]?.id ?? '');
  const [cols, setCols] = useState(dims.find((d) => d.id === 'age_band')?.id ?? dims[1]?.id ?? '');
  const [publication, setPublication] = useState(false);
  const same = rows === cols;
  const cross = useCross({ ...query, rows, cols, ...(publication ? { publication: 'true' } : {}) }, enabled && !same && !!rows && !!cols);
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID');
  const num = (v: number | null) => (v === null ? '<3' : nf.format(v));
  // A sum over cells some of which are withheld is not known: shown as a dash.
  const sum = (vs: (number | null)[]) => (vs.some((v) => v === null) ? null : vs.reduce<number>((n, v) => n + (v ?? 0), 0));
  const sumText = (v: number | null) => (v === null ? '—' : nf.format(v));
  const valueLabel = (v: { value: string; label: string; label_en: string }) => (v.value === '' ? t('reports.notRecorded') : label(v));
  const dimLabel = (id: string) => {
    const d = dims.find((x) => x.id === id);
    return d ? label(d) : id;
  };
  const data = cross.data;
  const shown = data && data.rows_dimension === rows && data.cols_dimension === cols;
  const caption = t('reports.cross.caption', { rows: dimLabel(rows), cols: dimLabel(cols) });

  return (
    <section className="page report-section" aria-labelledby="cross-title">
      <h2 id="cross-title">{t('reports.cross.title')}</h2>
      <p className="muted">{t('reports.cross.lead')}</p>
      <form className="filters report-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('reports.cross.options')}>
        <div className="field">
          <label className="field__label" htmlFor="cross-rows">
            {t('reports.cross.rows')}
          </label>
          <select id="cross-rows" className="select" value={rows} onChange={(e) => setRows(e.target.value)}>
            {dims.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cross-cols">
            {t('reports.cross.cols')}
          </label>
          <select id="cross-cols" className="select" value={cols} onChange={(e) => setCols(e.target.value)} aria-invalid={same || undefined} aria-describedby={same ? 'cross-same' : undefined}>
            {dims.map((d) => (
              <option key={d.id} value={d.id}>
                {label(d)}
              </option>
            ))}
          </select>
        </div>
        <label className="choice report-cross__publication">
          <input type="checkbox" checked={publication} onChange={(e) => setPublication(e.target.checked)} />
          <span>{t('reports.cross.publication')}</span>
        </label>
      </form>
      {same ? (
        <p id="cross-same" className="field__error" role="alert">
          {t('reports.cross.same')}
        </p>
      ) : cross.isError ? (
        <PageError error={cross.error} retry={() => void cross.refetch()} />
      ) : shown ? (
        <>
          {/* The caption is the table's name for assistive technology; shown above the scroll box
              so a phone does not cut it with the table. */}
          <p className="report-cross__title" aria-hidden="true">
            {caption}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="cross-caption" aria-busy={cross.isPlaceholderData || undefined}>
            <table className="table table--compact report-cross" data-publication={publication} data-current={!cross.isPlaceholderData}>
              <caption id="cross-caption" className="visually-hidden">
                {caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    {dimLabel(rows)} \ {dimLabel(cols)}
                  </th>
                  {data.columns.map((c) => (
                    <th key={c.value || 'none'} scope="col" className="num">
                      {valueLabel(c)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('reports.cross.sum')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.value || 'none'}>
                    <th scope="row">{valueLabel(r)}</th>
                    {r.clients.map((v, i) => (
                      <td key={i} className="num">
                        {num(v)}
                      </td>
                    ))}
                    <td className="num report-cross__sum">{sumText(sum(r.clients))}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('reports.cross.sum')}</th>
                  {data.columns.map((c, i) => (
                    <td key={c.value || 'none'} className="num report-cross__sum">
                      {sumText(sum(data.rows.map((r) => r.clients[i] ?? null)))}
                    </td>
                  ))}
                  <td className="num report-cross__sum report-cross__total">{sumText(sum(data.rows.flatMap((r) => r.clients)))}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted report-note">{t(publication ? 'reports.cross.notePublication' : 'reports.cross.note')}</p>
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
