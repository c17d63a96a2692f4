// The SIMFONI rows of the period not yet entered in SIMFONI PPA (de-identified, as the API
// gives them): the operator types each row's nomor SIMFONI, one input date for the batch, and
// marks them sent (POST /api/v1/reports/simfoni/sent); they then show under "sent" and leave
// the to-send list. A row someone marked meanwhile is refused by the API (409 already_sent).
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import { ErrorSummary, FormErrorsProvider } from '../components/form';
import { Notice, PageError } from '../components/ui';
import { useSimfoni, type SimfoniRow } from './reportsApi';

// Columns of the sheet shown to pick rows by (the rest are in the downloaded sheet).
const SHOWN = ['nomor_kasus', 'tanggal_lapor', 'jenis_kasus', 'bentuk_kekerasan', 'jenis_kelamin_korban', 'kelompok_umur_korban'];

const rowKey = (r: SimfoniRow) => `${r.case_id}/${r.client_id}/${r.incident_id}`;

function today(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function SimfoniSection({ query, enabled, allowed, tz }: { query: Record<string, string>; enabled: boolean; allowed: boolean; tz: string }) {
  const { t } = useTranslation();
  return (
    <section className="page report-section" aria-labelledby="simfoni-title">
      <h2 id="simfoni-title">{t('reports.simfoni.title')}</h2>
      <p className="muted">{t('reports.simfoni.lead')}</p>
      {allowed ? <SimfoniRows query={query} enabled={enabled} tz={tz} /> : <Notice tone="info">{t('reports.simfoni.notAllowed')}</Notice>}
    </section>
  );
}

function SimfoniRows({ query, enabled, tz }: { query: Record<string, string>; enabled: boolean; tz: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toSend = useSimfoni(query, enabled);
  const all = useSimfoni({ ...query, include_sent: 'true' }, enabled);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  const [date, setDate] = useState(today(tz));
  const [done, setDone] = useState(0);
  const m = useMutation({
    mutationFn: (rows: SimfoniRow[]) =>
      api<{ marked: unknown[] }>('/api/v1/reports/simfoni/sent', {
        method: 'POST',
        idempotencyKey: newIdempotencyKey(),
        body: { rows: rows.map((r) => ({ case_id: r.case_id, client_id: r.client_id, incident_id: r.incident_id, nomor_simfoni: numbers[rowKey(r)]!.trim(), sent_on: date })) },
      }),
    onSuccess: (r) => {
      setDone(r.marked.length);
      setNumbers({});
    },
    // Marked or refused (someone marked a row meanwhile): the lists are read again.
    onSettled: () => void qc.invalidateQueries({ queryKey: ['reports', 'simfoni'] }),
  });
  if (toSend.isError) return <PageError error={toSend.error} retry={() => void toSend.refetch()} />;
  if (!toSend.data || !all.data) return <p className="muted">{t('common.loading')}</p>;
  const col = (name: string) => toSend.data.columns.indexOf(name);
  const cell = (r: SimfoniRow, name: string) => r.cells[col(name)] || '—';
  const chosen = toSend.data.rows.filter((r) => (numbers[rowKey(r)] ?? '').trim() !== '');
  const sent = all.data.rows.filter((r) => r.sent);
  const allCol = (name: string) => all.data.columns.indexOf(name);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(0);
    if (chosen.length && date) m.mutate(chosen);
  }
  return (
    <>
      <FormErrorsProvider value={{ error: m.error }}>
        <ErrorSummary error={m.error} />
        <form onSubmit={submit} noValidate className="report-simfoni" aria-labelledby="simfoni-tosend">
          <h3 id="simfoni-tosend">{t('reports.simfoni.toSend', { count: toSend.data.rows.length })}</h3>
          {toSend.data.rows.length === 0 ? (
            <p>{t('reports.simfoni.none')}</p>
          ) : (
            <>
              <p className="muted">{t('reports.simfoni.howTo')}</p>
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="simfoni-tosend">
                <table className="table table--compact report-simfoni__table">
                  <caption className="visually-hidden">{t('reports.simfoni.toSendCaption')}</caption>
                  <thead>
                    <tr>
                      {SHOWN.map((c) => (
                        <th key={c} scope="col">
                          {t(`reports.simfoni.col.${c}`)}
                        </th>
                      ))}
                      <th scope="col">{t('reports.simfoni.number')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {toSend.data.rows.map((r) => {
                      const k = rowKey(r);
                      return (
                        <tr key={k} data-case-number={cell(r, 'nomor_kasus')}>
                          <th scope="row" className="nowrap">
                            {cell(r, 'nomor_kasus')}
                          </th>
                          {SHOWN.slice(1).map((c) => (
                            <td key={c} className={c.startsWith('tanggal') ? 'nowrap' : undefined}>
                              {cell(r, c)}
                            </td>
                          ))}
                          <td>
                            <input
                              className="input report-simfoni__number"
                              aria-label={t('reports.simfoni.numberFor', { number: cell(r, 'nomor_kasus'), incident: cell(r, 'bentuk_kekerasan') })}
                              value={numbers[k] ?? ''}
                              maxLength={64}
                              onChange={(e) => setNumbers({ ...numbers, [k]: e.target.value })}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="report-simfoni__submit">
                <div className="field">
                  <label className="field__label" htmlFor="simfoni-date">
                    {t('reports.simfoni.date')}
                  </label>
                  <input id="simfoni-date" type="date" className="input input--date" value={date} max={today(tz)} onChange={(e) => setDate(e.target.value)} />
                </div>
                <button type="submit" className="button" disabled={!chosen.length || !date || m.isPending}>
                  {chosen.length ? t('reports.simfoni.mark', { count: chosen.length }) : t('reports.simfoni.markNone')}
                </button>
              </div>
            </>
          )}
        </form>
      </FormErrorsProvider>
      {done > 0 && (
        <div role="status">
          <Notice tone="ok">{t('reports.simfoni.marked', { count: done })}</Notice>
        </div>
      )}
      <h3 id="simfoni-sent">{t('reports.simfoni.sent', { count: sent.length })}</h3>
      {sent.length === 0 ? (
        <p>{t('reports.simfoni.noneSent')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="simfoni-sent">
          <table className="table table--compact report-simfoni__sent">
            <caption className="visually-hidden">{t('reports.simfoni.sentCaption')}</caption>
            <thead>
              <tr>
                {['nomor_kasus', 'jenis_kasus', 'bentuk_kekerasan', 'nomor_simfoni', 'tanggal_input'].map((c) => (
                  <th key={c} scope="col">
                    {t(`reports.simfoni.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sent.map((r) => (
                <tr key={rowKey(r)}>
                  <th scope="row" className="nowrap">
                    {r.cells[allCol('nomor_kasus')]}
                  </th>
                  {['jenis_kasus', 'bentuk_kekerasan', 'nomor_simfoni', 'tanggal_input'].map((c) => (
                    <td key={c}>{r.cells[allCol(c)] || '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
