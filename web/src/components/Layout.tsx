import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { SUPERVISOR_ROLES, useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';

// Roles that read a unit's reports (docs/reports.md "Who sees which figures").
// Roles that administer a unit (docs/security.md "Administration").
const ADMIN_ROLES = ['admin', 'unit_head', 'department_head'];
const REPORT_ROLES = ['intake_officer', 'admin_officer', 'case_manager', 'section_head', 'unit_head', 'department_head'];

export function Layout({ children, minimal, partner }: { children: ReactNode; minimal?: boolean; partner?: boolean }) {
  const { t } = useTranslation();
  const { user, logout, setLanguage } = useSession();
  // Case screens only for staff roles: an administrator reads no case (what one may not see is absent).
  const staff = user.roles.some((r) => r.role !== 'admin');
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="header__brand">
            Lindungi
          </Link>
          {!minimal && partner && (
            <nav className="header__nav" aria-label={t('layout.nav')}>
              <NavLink to="/referrals">{t('layout.partnerReferrals')}</NavLink>
            </nav>
          )}
          {!minimal && !partner && (
            <nav className="header__nav" aria-label={t('layout.nav')}>
              {staff && (
                <>
                  <NavLink to="/tasks">{t('layout.inbox')}</NavLink>
                  <NavLink to="/intake">{t('layout.intake')}</NavLink>
                  <NavLink to="/cases" end>
                    {t('layout.cases')}
                  </NavLink>
                  <NavLink to="/shelters">{t('layout.shelters')}</NavLink>
                  <NavLink to="/transfers">{t('layout.transfers')}</NavLink>
                </>
              )}
              {user.roles.some((r) => REPORT_ROLES.includes(r.role)) && <NavLink to="/reports">{t('layout.reports')}</NavLink>}
              {user.roles.some((r) => SUPERVISOR_ROLES.includes(r.role)) && <NavLink to="/oversight">{t('layout.oversight')}</NavLink>}
              {user.roles.some((r) => ADMIN_ROLES.includes(r.role)) && <NavLink to="/admin">{t('layout.admin')}</NavLink>}
            </nav>
          )}
          <div className="header__user">
            <LanguageSwitch onChange={(l) => void setLanguage(l)} />
            {!minimal && (
              <NavLink to="/account" className="header__account">
                <span className="visually-hidden">{t('layout.account')}: </span>
                {user.display_name}
              </NavLink>
            )}
            <button
              type="button"
              className="button button--link header__logout"
              onClick={() => {
                void logout().then(() => navigate('/', { replace: true }));
              }}
            >
              {t('layout.logout')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
