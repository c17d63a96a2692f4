import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CaseList } from '../api/types';
import { initials, useT, useUnits } from '../api/hooks';
import { Badge, Loading, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatShortDateTime } from '../lib/time';

const PAGE_SIZE = 25;

export default function CaseListPage() {
  const { t } = useTranslation();
  const tt = useT();
  usePageTitle(t('cases.title'));
  const units = useUnits();
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const params = { status, from, to, page };
  const q = useQuery({
    queryKey: ['cases', params],
    queryFn: () =>
      api<CaseList>('/api/v1/cases', {
        query: {
          status: status || undefined,
          received_from: from || undefined,
          received_to: to || undefined,
          page,
          page_size: PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE_SIZE)) : 1;

  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('cases.title')}</h1>
        <Link to="/intake" className="button">
          {t('layout.intake')}
        </Link>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('cases.filters')}>
        <div className="field">
          <label className="field__label" htmlFor="f-status">
            {t('cases.status')}
          </label>
          <select
            id="f-status"
            className="select"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('cases.allStatuses')}</option>
            {['open', 'in_progress', 'closed'].map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-from">
            {t('cases.from')}
          </label>
          <input
            id="f-from"
            type="date"
            className="input input--date"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="f-to">
            {t('cases.to')}
          </label>
          <input
            id="f-to"
            type="date"
            className="input input--date"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              setPage(1);
            }}
          />
        </div>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <PageError error={q.error} retry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('cases.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('cases.count', { count: q.data.total })}</p>
          <div className="table-wrap">
            <table className="table table--stack">
              <caption className="visually-hidden">{t('cases.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.number')}</th>
                  <th scope="col">{t('cases.status')}</th>
                  <th scope="col">{t('cases.received')}</th>
                  <th scope="col">{t('cases.channel')}</th>
                  <th scope="col">{t('cases.client')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t('cases.number')}>
                      <Link to={`/cases/${c.id}/steps`}>{c.number}</Link>{' '}
                      {c.crisis && <Badge tone="danger">{t('case.crisis')}</Badge>}{' '}
                      {c.sensitive && <Badge tone="warn">{t('case.sensitive')}</Badge>}
                    </td>
                    <td data-label={t('cases.status')}>{t(`status.${c.status}`)}</td>
                    <td data-label={t('cases.received')}>
                      {formatShortDateTime(c.received_at, units.get(c.unit_id)?.time_zone ?? DEFAULT_TZ, tt)}
                    </td>
                    <td data-label={t('cases.channel')}>{t(`channel.${c.channel}`)}</td>
                    <td data-label={t('cases.client')}>{initials(c.client?.name)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('cases.paging')}>
            <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('common.previous')}
            </button>
            <span>{t('cases.page', { page, pages })}</span>
            <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('common.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
