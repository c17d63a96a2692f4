import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SessionProvider, useSessionQuery } from './auth/session';
import { ReauthDialog } from './auth/ReauthDialog';
import { LoginPage } from './auth/LoginPage';
import { Layout } from './components/Layout';
import { Loading, PageError } from './components/ui';

const EnrolPage = lazy(() => import('./auth/EnrolPage'));
const AccountPage = lazy(() => import('./auth/AccountPage'));
const InboxPage = lazy(() => import('./inbox/InboxPage'));
const IntakePage = lazy(() => import('./intake/IntakePage'));
const CaseListPage = lazy(() => import('./cases/CaseListPage'));
const CasePage = lazy(() => import('./case/CasePage'));
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const OversightPage = lazy(() => import('./oversight/OversightPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));
const NotFoundPage = lazy(() => import('./components/NotFoundPage'));
const NotAllowedPage = lazy(() => import('./components/NotAllowedPage'));
const PartnerDoorPage = lazy(() => import('./partner/PartnerDoorPage'));
const SheltersPage = lazy(() => import('./shelters/SheltersPage'));
const TransfersPage = lazy(() => import('./transfers/TransfersPage'));

export function App() {
  const { t, i18n } = useTranslation();
  const q = useSessionQuery();

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  if (q.isPending) return <Loading />;
  if (q.isError) return <PageError error={q.error} retry={() => void q.refetch()} />;
  const session = q.data;
  if (!session) return <LoginPage />;
  const partner = !!session.user.partner_id;
  // An administrator without a staff role lands on the administration (they read no case).
  const home = session.user.roles.some((r) => r.role !== 'admin') || !session.user.roles.length ? '/tasks' : '/admin';

  return (
    <SessionProvider session={session}>
      <ReauthDialog />
      {session.two_factor_enrolment_required ? (
        <Layout minimal>
          <Suspense fallback={<Loading />}>
            <EnrolPage required />
          </Suspense>
        </Layout>
      ) : (
        <Layout partner={partner}>
          <Suspense fallback={<Loading />}>
            {partner ? (
              // A partner organisation's user: the referrals addressed to it and their own
              // account; every unit screen is "not allowed" (the API refuses them too).
              <Routes>
                <Route path="/" element={<Navigate to="/referrals" replace />} />
                <Route path="/login" element={<Navigate to="/referrals" replace />} />
                <Route path="/tasks" element={<Navigate to="/referrals" replace />} />
                <Route path="/referrals" element={<PartnerDoorPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/account/two-step" element={<EnrolPage />} />
                <Route path="*" element={<NotAllowedPage />} />
              </Routes>
            ) : (
              <Routes>
                <Route path="/" element={<Navigate to={home} replace />} />
                <Route path="/login" element={<Navigate to={home} replace />} />
                <Route path="/tasks" element={<InboxPage />} />
                <Route path="/intake" element={<IntakePage />} />
                <Route path="/cases" element={<CaseListPage />} />
                <Route path="/cases/:id/*" element={<CasePage />} />
                <Route path="/reports" element={<ReportsPage />} />
                <Route path="/shelters" element={<SheltersPage />} />
                <Route path="/transfers" element={<TransfersPage />} />
                <Route path="/oversight" element={<OversightPage />} />
                <Route path="/admin/*" element={<AdminPage />} />
                <Route path="/referrals" element={<NotAllowedPage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/account/two-step" element={<EnrolPage />} />
                <Route path="*" element={<NotFoundPage what={t('notFound.page')} />} />
              </Routes>
            )}
          </Suspense>
        </Layout>
      )}
    </SessionProvider>
  );
}
