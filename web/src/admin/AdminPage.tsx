import { lazy, Suspense, useState } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Loading, NotAllowed, usePageTitle } from '../components/ui';
import { useAdminUnits } from './adminApi';

const UsersTab = lazy(() => import('./UsersTab'));
const PartnersTab = lazy(() => import('./PartnersTab'));
const SettingsTab = lazy(() => import('./SettingsTab'));
const SopPacksTab = lazy(() => import('./SopPacksTab'));
const FormsTab = lazy(() => import('./FormsTab'));

const TABS = [
  { path: 'users', key: 'admin.tab.users' },
  { path: 'partners', key: 'admin.tab.partners' },
  { path: 'settings', key: 'admin.tab.settings' },
  { path: 'sops', key: 'admin.tab.sops' },
  { path: 'forms', key: 'admin.tab.forms' },
];

/** Administration of a unit: users, partner organisations, settings, the SOP packs and forms. */
export default function AdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  const units = useAdminUnits();
  const [chosen, setChosen] = useState('');
  if (units.length === 0) return <NotAllowed />;
  const unit = units.find((u) => u.id === chosen) ?? units[0]!;
  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('admin.title')}</h1>
        {units.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor="admin-unit">
              {t('admin.unit')}
            </label>
            <select id="admin-unit" className="select" value={unit.id} onChange={(e) => setChosen(e.target.value)}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="muted">{unit.name}</p>
        )}
      </div>
      <nav className="tabs" aria-label={t('admin.tabs')}>
        {TABS.map((tab) => (
          <NavLink key={tab.path} to={`/admin/${tab.path}`}>
            {t(tab.key)}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to="users" replace />} />
          <Route path="users" element={<UsersTab unit={unit.id} />} />
          <Route path="partners" element={<PartnersTab unit={unit.id} />} />
          <Route path="settings" element={<SettingsTab unit={unit.id} />} />
          <Route path="sops" element={<SopPacksTab pack={unit.sop_pack} />} />
          <Route path="forms" element={<FormsTab />} />
          <Route path="*" element={<Navigate to="users" replace />} />
        </Routes>
      </Suspense>
    </section>
  );
}
