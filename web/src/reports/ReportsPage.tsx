// The dashboard and report page (issue 15): caseload and trend by month, forms of violence,
// age bands, case types, compliance with the standard times per SOP step, overdue now; the
// period and unit filters; one-click downloads of the SIMFONI sheet and the compliance table.
// Counts only: no person appears on this page.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { Loading, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, describeStandard } from '../lib/time';
import { useUnits, useT } from '../api/hooks';
import { BarListChart, ChartFigure, ColumnChart, type Datum } from './Charts';
import { CrossSection } from './CrossTable';
import { DownloadLinks, IdentifyingDownload, type DownloadPeriod } from './Downloads';
import { SimfoniSection } from './SimfoniSend';
import { periodOf, periodQuery, validRange, currentMonth, type Period, type PeriodKind } from './period';
import { useCompliance, useScopes, useStaffCompliance, useStatistics, useTrend, type ComplianceRow, type Scopes, type StatRow } from './reportsApi';
import '../styles/reports.css';

const IDENTIFYING_ROLES = ['unit_head', 'department_head'];

function monthName(ym: string, lang: string, style: 'long' | 'short' = 'long'): string {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(Date.UTC(y!, (m ?? 1) - 1, 15));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { month: style, timeZone: 'UTC' }).format(d) + (style === 'long' ? ` ${y}` : '');
}

function rangeText(from: string, to: string, lang: string): string {
  return from === to ? monthName(from, lang) : `${monthName(from, lang)} – ${monthName(to, lang)}`;
}

export default function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  const scopes = useScopes();
  if (scopes.isPending) return <Loading />;
  if (scopes.isError)
    return (
      <section className="page" aria-labelledby="reports-title">
        <h1 id="reports-title">{t('reports.title')}</h1>
        {/* Not a report role: nothing to retry. */}
        <PageError error={scopes.error} retry={scopes.error instanceof ApiError && scopes.error.status === 403 ? undefined : () => void scopes.refetch()} />
      </section>
    );
  return <Dashboard scopes={scopes.data} />;
}

function Dashboard({ scopes }: { scopes: Scopes }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tt = useT();
  const { user } = useSession();
  const sessionUnits = useUnits();

  // The unit (or roll-up) the figures are for: the first unit held directly by default.
  const choices = useMemo(() => {
    const units = [...scopes.units].sort((a, b) => Number(b.direct) - Number(a.direct) || a.name.localeCompare(b.name));
    return [
      ...units.map((u) => ({ value: `unit:${u.id}`, label: u.name, unitId: u.id as string | undefined, rollup: undefined as string | undefined })),
      ...scopes.rollups.map((r) => ({
        value: `rollup:${r.rollup}`,
        label: r.rollup === 'national' ? t('reports.filters.national') : t('reports.filters.province', { name: r.name }),
        unitId: undefined,
        rollup: r.rollup as string | undefined,
      })),
    ];
  }, [scopes, t]);
  const [scopeValue, setScopeValue] = useState(choices[0]?.value ?? '');
  const choice = choices.find((c) => c.value === scopeValue) ?? choices[0];
  const tz = (choice?.unitId && sessionUnits.get(choice.unitId)?.time_zone) || [...sessionUnits.values()][0]?.time_zone || DEFAULT_TZ;

  const [kind, setKind] = useState<PeriodKind>('quarter');
  const thisMonth = currentMonth(tz);
  const [from, setFrom] = useState(`${thisMonth.slice(0, 4)}-01`);
  const [to, setTo] = useState(thisMonth);
  const customOk = validRange(from, to);
  const period: Period = kind === 'custom' ? { kind, from, to } : { kind, period: periodOf(kind, tz) };
  const scopeQuery: Record<string, string> = choice?.rollup ? { rollup: choice.rollup } : choice?.unitId ? { unit: choice.unitId } : {};
  const query = { ...periodQuery(period), ...scopeQuery };
  const enabled = kind !== 'custom' || customOk;

  const stats = useStatistics(query, enabled);
  const trend = useTrend(query, enabled);
  const compliance = useCompliance(query, enabled);
  // Compliance by staff member: heads only (the API answers 403 head_required to others).
  const head = choice?.unitId ? !!scopes.units.find((u) => u.id === choice.unitId)?.head : scopes.units.some((u) => u.direct && u.head);
  const [byStaffChosen, setByStaff] = useState(false);
  const byStaff = head && byStaffChosen;
  const staffCompliance = useStaffCompliance(query, enabled && byStaff);
  // Marking SIMFONI rows sent: a report role in the rows' unit, so a unit held directly.
  const canMarkSent = !!choice?.unitId && !!scopes.units.find((u) => u.id === choice.unitId)?.direct;

  const identifying = user.roles.some((r) => IDENTIFYING_ROLES.includes(r.role)) && !choice?.rollup;

  const downloadPeriods: DownloadPeriod[] = (['month', 'quarter', 'year'] as const).map((k) => {
    const p = periodOf(k, tz);
    return {
      id: k,
      label: `${t(`reports.period.${k}`)} (${k === 'quarter' ? p.replace('-Q', ' Q') : k === 'month' ? monthName(p, lang) : p})`,
      query: { ...scopeQuery, period: p },
    };
  });
  if (kind === 'custom' && customOk)
    downloadPeriods.push({ id: 'custom', label: `${t('reports.period.custom')} (${rangeText(from, to, lang)})`, query: { ...scopeQuery, from, to } });

  const label = (r: { label: string; label_en: string }) => (lang === 'en' ? r.label_en : r.label);
  const dim = (id: string) => stats.data?.dimensions.find((d) => d.id === id);
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID');
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '<3' : nf.format(v));
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${nf.format(Math.round(v * 100))}%`);
  const dec = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 });

  const rows = compliance.data?.rows ?? [];
  const done = rows.reduce((n, r) => n + r.done, 0);
  const withStd = rows.reduce((n, r) => n + r.with_standard, 0);
  const within = rows.reduce((n, r) => n + r.within_standard, 0);
  const overdue = rows.reduce((n, r) => n + r.overdue_now, 0);
  const open = rows.reduce((n, r) => n + r.open_now, 0);

  // SOPs lettered A, B, ... so a step in a chart reads as "B2." next to its table row.
  const sopLetter = new Map<string, string>();
  for (const r of compliance.data?.rows ?? []) if (!sopLetter.has(r.sop_id)) sopLetter.set(r.sop_id, String.fromCharCode(65 + (sopLetter.size % 26)));
  const stepName = (r: ComplianceRow) => `${sopLetter.get(r.sop_id) ?? ''}${r.step_no}. ${r.activity}`;
  const durationIn = (r: ComplianceRow, v: number | null) => (v === null ? '—' : `${dec.format(v)} ${t(`reports.durationUnit.${r.duration_unit}`)}`);

  const statFigure = (id: string, chart: 'columns' | 'bars') => {
    const d = dim(id);
    if (!d) return null;
    const data: Datum[] = d.rows.filter((r) => r.value !== '' || (r.clients ?? 0) > 0).map((r: StatRow) => ({
      key: r.value || 'none',
      label: r.value === '' ? t('reports.notRecorded') : label(r),
      value: r.clients,
    }));
    const title = label(d);
    return (
      <ChartFigure
        id={`fig-${id}`}
        title={title}
        chart={chart === 'columns' ? <ColumnChart data={data} label={t('reports.chartOf', { title })} /> : <BarListChart data={data} label={t('reports.chartOf', { title })} />}
        table={
          <table className="table table--compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col" className="num">
                  {t('reports.clients')}
                </th>
                <th scope="col" className="num">
                  {t('reports.cases')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.value || 'none'}>
                  <th scope="row">{r.value === '' ? t('reports.notRecorded') : label(r)}</th>
                  <td className="num">{num(r.clients)}</td>
                  <td className="num">{num(r.cases)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    );
  };

  const scopeName = stats.data ? (stats.data.scope.rollup === 'unit' ? stats.data.scope.units[0]?.name ?? stats.data.scope.name : choice?.label) : choice?.label;
  const shownRange = stats.data ? rangeText(stats.data.scope.from, stats.data.scope.to, lang) : '';
  const overdueRows = rows.filter((r) => r.overdue_now > 0).sort((a, b) => b.overdue_now - a.overdue_now);
  const tableRows = byStaff ? staffCompliance.data?.rows : rows;
  const bySop = (tableRows ?? []).reduce<Map<string, ComplianceRow[]>>((m, r) => m.set(r.sop_id, [...(m.get(r.sop_id) ?? []), r]), new Map());
  const columns = byStaff ? 9 : 8;
  const staffName = (r: ComplianceRow) => (r.staff ? r.staff.name || t('reports.compliance.staffUnknown') : t('reports.compliance.unassigned'));

  return (
    <div className="reports">
      <section className="page" aria-labelledby="reports-title">
        <div className="page__head">
          <h1 id="reports-title">{t('reports.title')}</h1>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('reports.print')}
          </button>
        </div>
        <p className="lead">{t('reports.lead')}</p>
        <form className="filters report-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('reports.filters.label')}>
          {choices.length > 1 && (
            <div className="field">
              <label className="field__label" htmlFor="f-scope">
                {t('reports.filters.unit')}
              </label>
              <select id="f-scope" className="select" value={scopeValue} onChange={(e) => setScopeValue(e.target.value)}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <fieldset className="fieldset fieldset--inline report-filters__period">
            <legend className="field__label">{t('reports.filters.period')}</legend>
            <div className="choices">
              {(['month', 'quarter', 'year', 'custom'] as const).map((k) => (
                <label key={k} className="choice report-period">
                  <input type="radio" name="period" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  <span>{t(`reports.period.${k}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {kind === 'custom' && (
            <>
              <div className="field">
                <label className="field__label" htmlFor="f-from">
                  {t('reports.filters.from')}
                </label>
                <input id="f-from" type="month" className="input input--date" value={from} max={thisMonth} onChange={(e) => setFrom(e.target.value)} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="f-to">
                  {t('reports.filters.to')}
                </label>
                <input id="f-to" type="month" className="input input--date" value={to} onChange={(e) => setTo(e.target.value)} />
              </div>
            </>
          )}
        </form>
        {kind === 'custom' && !customOk && (
          <p className="field__error" role="alert">
            {t('reports.filters.badRange')}
          </p>
        )}
        {stats.data && (
          <p className="report-scope" aria-live="polite">
            <strong>{scopeName}</strong> · {shownRange}
            {(stats.isFetching || compliance.isFetching) && <span className="muted"> · {t('common.loading')}</span>}
          </p>
        )}
        {stats.isError ? (
          <PageError error={stats.error} retry={() => void stats.refetch()} />
        ) : stats.isPending && enabled ? (
          <Loading />
        ) : stats.data ? (
          <dl className="report-totals">
            <div className="report-total">
              <dt>{t('reports.totals.cases')}</dt>
              <dd>{num(stats.data.totals.cases)}</dd>
            </div>
            <div className="report-total">
              <dt>{t('reports.totals.clients')}</dt>
              <dd>{num(stats.data.totals.clients)}</dd>
            </div>
            <div className="report-total">
              <dt>{t('reports.totals.within')}</dt>
              <dd>{withStd ? pct(within / withStd) : '—'}</dd>
              <dd className="report-total__sub">{t('reports.totals.withinOf', { within: nf.format(within), count: withStd })}</dd>
            </div>
            <div className={`report-total${overdue ? ' report-total--late' : ''}`}>
              <dt>{t('reports.totals.overdue')}</dt>
              <dd>{nf.format(overdue)}</dd>
              <dd className="report-total__sub">{t('reports.totals.openOf', { count: open })}</dd>
            </div>
          </dl>
        ) : null}
      </section>

      {stats.data && trend.data && (
        <div className="report-grid">
          <ChartFigure
            id="fig-trend"
            title={t('reports.trend')}
            chart={
              <ColumnChart
                data={trend.data.months.map((m) => ({ key: m.month, label: monthName(m.month, lang, 'short'), value: m.cases }))}
                label={t('reports.chartOf', { title: t('reports.trend') })}
              />
            }
            table={
              <table className="table table--compact">
                <caption className="visually-hidden">{t('reports.trend')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.month')}</th>
                    <th scope="col" className="num">
                      {t('reports.cases')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.clients')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trend.data.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{monthName(m.month, lang)}</th>
                      <td className="num">{num(m.cases)}</td>
                      <td className="num">{num(m.clients)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          {statFigure('violence_form', 'bars')}
          {statFigure('age_band', 'columns')}
          {statFigure('case_type', 'bars')}
          <p className="muted report-note">{t('reports.countNote')}</p>
        </div>
      )}

      {compliance.isError ? (
        <PageError error={compliance.error} retry={() => void compliance.refetch()} />
      ) : compliance.data ? (
        <>
          <section className="page report-section" aria-labelledby="compliance-title">
            <h2 id="compliance-title">{t('reports.compliance.title')}</h2>
            <p className="muted">{t('reports.compliance.lead')}</p>
            {rows.length === 0 ? (
              <p>{t('reports.compliance.empty')}</p>
            ) : (
              <>
                <ChartFigure
                  id="fig-share"
                  title={t('reports.compliance.share')}
                  chart={
                    <BarListChart
                      data={rows
                        .filter((r) => r.with_standard > 0)
                        .map((r) => ({ key: `${r.sop_id}/${r.step_id}`, label: stepName(r).slice(0, 70) + (stepName(r).length > 70 ? '…' : ''), value: Math.round((r.share_within ?? 0) * 100) }))}
                      max={100}
                      format={(v) => `${nf.format(v)}%`}
                      label={t('reports.chartOf', { title: t('reports.compliance.share') })}
                    />
                  }
                  note={<p className="muted">{t('reports.compliance.tableBelow')}</p>}
                />
                {head && (
                  <label className="choice report-by-staff">
                    <input type="checkbox" checked={byStaffChosen} onChange={(e) => setByStaff(e.target.checked)} />
                    <span>{t('reports.compliance.byStaff')}</span>
                  </label>
                )}
                {byStaff && staffCompliance.isError && <PageError error={staffCompliance.error} retry={() => void staffCompliance.refetch()} />}
                {byStaff && staffCompliance.isPending && <Loading />}
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="compliance-title">
                  <table className={`table table--compact report-compliance${byStaff ? ' report-compliance--staff' : ''}`}>
                    <caption className="visually-hidden">{byStaff ? t('reports.compliance.titleByStaff') : t('reports.compliance.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.compliance.step')}</th>
                        {byStaff && <th scope="col">{t('reports.compliance.staff')}</th>}
                        <th scope="col">{t('reports.compliance.standard')}</th>
                        <th scope="col" className="num">
                          {t('reports.compliance.done')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.within')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.median')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.p90')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.open')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.overdue')}
                        </th>
                      </tr>
                    </thead>
                    {[...bySop.entries()].map(([sop, list]) => (
                      <tbody key={sop}>
                        <tr className="report-compliance__sop">
                          <th scope="colgroup" colSpan={columns}>
                            {sopLetter.get(sop)}. {list[0]!.sop_title}
                          </th>
                        </tr>
                        {list.map((r) => (
                          <tr key={`${r.step_id}/${r.staff?.id ?? ''}`}>
                            <th scope="row" className="report-compliance__step">
                              {stepName(r)}
                            </th>
                            {byStaff && <td className="report-compliance__staff">{staffName(r)}</td>}
                            <td className="nowrap">{r.standard_time ? describeStandard(r.standard_time, tt) : t('standard.none')}</td>
                            <td className="num">{nf.format(r.done)}</td>
                            <td className="num">
                              {r.with_standard ? `${pct(r.share_within)} (${nf.format(r.within_standard)})` : '—'}
                            </td>
                            <td className="num">{durationIn(r, r.median)}</td>
                            <td className="num">{durationIn(r, r.p90)}</td>
                            <td className="num">{nf.format(r.open_now)}</td>
                            <td className={`num${r.overdue_now ? ' report-late' : ''}`}>
                              {r.overdue_now ? t('reports.compliance.lateCount', { count: r.overdue_now }) : '0'}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    ))}
                  </table>
                </div>
                <p className="muted report-note">{t('reports.compliance.note', { done: nf.format(done) })}</p>
              </>
            )}
          </section>

          <section className="page report-section" aria-labelledby="overdue-title">
            <h2 id="overdue-title">{t('reports.overdue.title')}</h2>
            {overdueRows.length === 0 ? (
              <p>{t('reports.overdue.none')}</p>
            ) : (
              <ChartFigure
                id="fig-overdue"
                title={t('reports.overdue.chart', { count: overdue })}
                chart={
                  <BarListChart
                    data={overdueRows.map((r) => ({ key: `${r.sop_id}/${r.step_id}`, label: stepName(r).slice(0, 70) + (stepName(r).length > 70 ? '…' : ''), value: r.overdue_now }))}
                    label={t('reports.chartOf', { title: t('reports.overdue.title') })}
                  />
                }
                table={
                  <table className="table table--compact">
                    <caption className="visually-hidden">{t('reports.overdue.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.compliance.step')}</th>
                        <th scope="col" className="num">
                          {t('reports.compliance.overdue')}
                        </th>
                        <th scope="col" className="num">
                          {t('reports.compliance.open')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {overdueRows.map((r) => (
                        <tr key={`${r.sop_id}/${r.step_id}`}>
                          <th scope="row">
                            {stepName(r)} <span className="muted">({r.sop_title})</span>
                          </th>
                          <td className="num report-late">{nf.format(r.overdue_now)}</td>
                          <td className="num">{nf.format(r.open_now)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            )}
          </section>
        </>
      ) : null}

      <CrossSection scopes={scopes} query={query} enabled={enabled} />

      <SimfoniSection query={query} enabled={enabled} allowed={canMarkSent} tz={tz} />

      <section className="page report-section" aria-labelledby="downloads-title">
        <h2 id="downloads-title">{t('reports.downloads.title')}</h2>
        <p className="muted">{t('reports.downloads.lead')}</p>
        <DownloadLinks periods={downloadPeriods} />
        {identifying && <IdentifyingDownload periods={downloadPeriods} />}
      </section>
    </div>
  );
}
