import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCase, useT, useUnits } from '../api/hooks';
import type { ApiErrorBody } from '../api/client';
import NotFoundPage from '../components/NotFoundPage';
import { Badge, isNotFound, Loading, Notice, PageError, usePageTitle } from '../components/ui';
import { DEFAULT_TZ, formatDateTime } from '../lib/time';
import type { CaseTabProps } from './tab';

// Each tab is its own file and its own chunk: a screen loads only its code.
const TABS: { path: string; key: string; Component: React.LazyExoticComponent<React.ComponentType<CaseTabProps>> }[] = [
  { path: 'steps', key: 'case.tab.steps', Component: lazy(() => import('./StepsTab')) },
  { path: 'tasks', key: 'case.tab.tasks', Component: lazy(() => import('./TasksTab')) },
  { path: 'people', key: 'case.tab.people', Component: lazy(() => import('./PeopleTab')) },
  { path: 'incidents', key: 'case.tab.incidents', Component: lazy(() => import('./IncidentsTab')) },
  { path: 'classification', key: 'case.tab.classification', Component: lazy(() => import('./ClassificationTab')) },
  { path: 'triage', key: 'case.tab.triage', Component: lazy(() => import('./TriageTab')) },
  { path: 'consent', key: 'case.tab.consent', Component: lazy(() => import('./ConsentTab')) },
  { path: 'referrals', key: 'case.tab.referrals', Component: lazy(() => import('./ReferralsTab')) },
  { path: 'shelter', key: 'case.tab.shelter', Component: lazy(() => import('./ShelterTab')) },
  { path: 'transfer', key: 'case.tab.transfer', Component: lazy(() => import('./TransferTab')) },
  { path: 'documents', key: 'case.tab.documents', Component: lazy(() => import('./DocumentsTab')) },
  { path: 'work', key: 'case.tab.work', Component: lazy(() => import('./CaseWorkTab')) },
  { path: 'history', key: 'case.tab.history', Component: lazy(() => import('./HistoryTab')) },
  { path: 'access', key: 'case.tab.access', Component: lazy(() => import('./AccessTab')) },
];

export default function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const tt = useT();
  usePageTitle(t('case.title'));
  const q = useCase(id);
  const units = useUnits();
  const location = useLocation();
  const state = location.state as { created?: boolean; sopError?: ApiErrorBody | null } | null;

  if (!/^[0-9a-f-]{36}$/.test(id)) return <NotFoundPage what={t('notFound.case')} />;
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (isNotFound(q.error)) return <NotFoundPage what={t('notFound.case')} />;
    return <PageError error={q.error} retry={() => void q.refetch()} />;
  }
  const c = q.data;
  const unit = units.get(c.unit_id);
  const tz = unit?.time_zone ?? DEFAULT_TZ;
  const props: CaseTabProps = { c, tz, unit };

  return (
    <>
      <div className="case-header">
        <div className="case-header__top">
          <h1>
            <span className="visually-hidden">{t('case.title')} </span>
            {c.number}
          </h1>
          <Badge tone={c.status === 'closed' ? 'neutral' : 'info'}>{t(`status.${c.status}`)}</Badge>
          {c.crisis && <Badge tone="danger">{t('case.crisis')}</Badge>}
          {c.sensitive && <Badge tone="warn">{t('case.sensitive')}</Badge>}
        </div>
        <div className="case-header__meta">
          <span>
            {t('case.received')}: {formatDateTime(c.received_at, tz, tt)}
          </span>
          <span>
            {t('case.channel')}: {t(`channel.${c.channel}`)}
          </span>
          {unit && (
            <span>
              {t('case.pack')}: {unit.sop_pack || t('case.noPack')}
            </span>
          )}
        </div>
        <nav className="tabs" aria-label={t('case.tabs')}>
          {TABS.map((tab) => (
            <NavLink key={tab.path} to={`/cases/${c.id}/${tab.path}`}>
              {t(tab.key)}
            </NavLink>
          ))}
        </nav>
      </div>
      {state?.created && <Notice tone="ok">{t('case.created', { number: c.number })}</Notice>}
      {state?.sopError && (
        <Notice tone="error">
          {t('case.sopNotStarted')} {i18n.language === 'en' ? state.sopError.message : state.sopError.message_id}
        </Notice>
      )}
      <section className="page">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<Navigate to="steps" replace />} />
            {TABS.map((tab) => (
              <Route key={tab.path} path={tab.path} element={<tab.Component {...props} />} />
            ))}
            <Route path="*" element={<Navigate to="steps" replace />} />
          </Routes>
        </Suspense>
      </section>
    </>
  );
}
