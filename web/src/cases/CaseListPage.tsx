import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CaseList, CaseSummary } from '../api/types';
import { useSops, useT, useUnits } from '../api/hooks';
import { Due } from '../components/Due';
import { Badge, Loading, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatShortDateTime } from '../lib/time';
import { useSopDefinition } from '../case/caseApi';

const PAGE_SIZE = 25;

export default function CaseListPage() {
  const { t } = useTranslation();
  const tt = useT();
  usePageTitle(t('cases.title'));
  const units = useUnits();
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sop, setSop] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const sops = useSops();
  const packs = new Set([...units.values()].map((u) => u.sop_pack));
  const sopOptions = (sops.data?.items ?? []).filter((s) => packs.size === 0 || packs.has(s.id.split('/')[0]!));
  const sopTitles = new Map((sops.data?.items ?? []).map((s) => [s.id, s.title]));
  const params = { status, from, to, sop, overdue, page };
  const q = useQuery({
    queryKey: ['cases', params],
    queryFn: () =>
      api<CaseList>('/api/v1/cases', {
        query: {
          status: status || undefined,
          received_from: from || undefined,
          received_to: to || undefined,
          sop: sop || undefined,
          overdue: overdue || undefined,
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
          <label className="field__label" htmlFor="f-sop">
            {t('caseList.sop')}
          </label>
          <select
            id="f-sop"
            className="select"
            value={sop}
            onChange={(e) => {
              setSop(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('inbox.allSops')}</option>
            {sopOptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="chip"
          aria-pressed={overdue}
          onClick={() => {
            setOverdue(!overdue);
            setPage(1);
          }}
        >
          {t('caseList.overdueOnly')}
        </button>
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
                  <th scope="col">{t('cases.client')}</th>
                  <th scope="col">{t('caseList.nextStep')}</th>
                  <th scope="col">{t('caseList.due')}</th>
                  <th scope="col">{t('cases.received')}</th>
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
                    <td data-label={t('cases.client')}>{c.client_initials || '—'}</td>
                    <td data-label={t('caseList.nextStep')}>
                      <NextStep c={c} sopTitle={c.next_task ? sopTitles.get(c.next_task.sop_id) : undefined} />
                    </td>
                    <td data-label={t('caseList.due')}>
                      {c.next_task ? <Due due={c.next_task.due_at} tz={units.get(c.unit_id)?.time_zone ?? DEFAULT_TZ} /> : '—'}
                    </td>
                    <td data-label={t('cases.received')}>
                      {formatShortDateTime(c.received_at, units.get(c.unit_id)?.time_zone ?? DEFAULT_TZ, tt)}
                      <div className="muted">{t(`channel.${c.channel}`)}</div>
                    </td>
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

/** The open step due next: its number and activity (from the SOP's definition), its SOP and role. */
function NextStep({ c, sopTitle }: { c: CaseSummary; sopTitle?: string }) {
  const { t } = useTranslation();
  const def = useSopDefinition(c.next_task?.sop_id);
  const n = c.next_task;
  if (!n) return <span className="muted">{t('caseList.noOpenStep')}</span>;
  const step = def.data?.steps.find((s) => s.id === n.step_id);
  return (
    <>
      <div>
        {step ? `${step.no}. ${step.activity}` : n.step_id}
      </div>
      <div className="muted">
        {sopTitle ?? def.data?.title ?? n.sop_id} · {t(`role.${n.role}`, { defaultValue: n.role })}
        {c.open_tasks > 1 && <> · {t('caseList.moreOpen', { count: c.open_tasks - 1 })}</>}
      </div>
    </>
  );
}
