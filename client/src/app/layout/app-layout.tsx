import { useState } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { paths } from '../../config/paths';
import { useAuth } from '../../features/accounts/auth/auth-context';
import { IntakeResealer } from '../../features/consultations/components/intake-resealer';
import { CareInbox } from '../../features/moderation/components/care-inbox';
import { EscalationNotice } from '../../features/moderation/components/escalation-notice';
import { useUrgentUnmatched } from '../../features/consultations/api/urgent-unmatched';
import { useUrgentCount } from '../../features/moderation/api/urgent-count';
import { ConnectionStatus } from './connection-status';
import { navItemsFor } from './nav-items';
import { SiteFooter } from './site-footer';
import { useRouteFocus } from './use-route-focus';

function MainNav() {
  const { me, logOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urgent = useUrgentCount();
  const unmatched = useUrgentUnmatched(me?.role === 'admin');

  if (!me) {
    return (
      <nav className="main-nav" aria-label="Main">
        <ul className="main-nav__list">
          <li>
            <NavLink to={paths.logIn.getHref()} className="main-nav__link">
              Log in
            </NavLink>
          </li>
          <li>
            <NavLink to={paths.signUp.getHref()} className="main-nav__link">
              Sign up
            </NavLink>
          </li>
        </ul>
      </nav>
    );
  }

  const onLogOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await logOut();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not log out. Try again.');
    } finally {
      // This nav stays mounted across log-out and the next log-in: never leave it saying "Logging out…".
      setBusy(false);
    }
  };

  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {navItemsFor(me.role).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'} className="main-nav__link">
              {item.label}
              {item.to === paths.moderation.getHref() && urgent > 0 && (
                <span className="badge badge--urgent">{urgent} urgent</span>
              )}
              {item.to === paths.support.getHref() && unmatched > 0 && (
                <span className="badge badge--urgent">{unmatched} urgent</span>
              )}
            </NavLink>
          </li>
        ))}
        <li className="main-nav__end">
          <Button variant="quiet" busy={busy} busyLabel="Logging out…" onClick={onLogOut}>
            Log out
          </Button>
        </li>
      </ul>
      {error && <Alert title="You are still logged in">{error}</Alert>}
    </nav>
  );
}

/** The frame of every page: skip link, header with nav and connection state, main, footer. */
export function AppLayout() {
  const { me } = useAuth();
  useRouteFocus();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={me ? paths.home.getHref() : paths.welcome.getHref()} className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Staffroom
          </Link>
          <ConnectionStatus />
          <MainNav />
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {me?.role === 'admin' && <EscalationNotice />}
        <Outlet />
      </main>
      <SiteFooter />
      {me && <CareInbox />}
      <ScrollRestoration />
      {me?.role === 'member' && <IntakeResealer viewer={me} />}
    </div>
  );
}
