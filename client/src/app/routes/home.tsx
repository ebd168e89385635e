import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { useMe } from '../../features/accounts/auth/auth-context';
import { PrivacyPromise } from '../../features/accounts/components/privacy-promise';
import { ROLE_TEXT } from '../../features/accounts/roles';
import { MyGroupsSummary, WeekSummary } from '../../features/groups/components/dashboard';
import { SupportSummary } from '../../features/consultations/components/support-summary';
import { PulseInvitation } from '../../features/wellness/components/pulse-invitation';
import { paths } from '../../config/paths';
import {
  SetupChecklist,
  setupComplete,
  useSetupState,
} from '../../features/setup/components/setup-checklist';
import { SETUP_LINKS } from '../setup-links';
import { formatDate } from '../../utils/format';
import { navItemsFor } from '../layout/nav-items';
import { useUrgentUnmatched } from '../../features/consultations/api/urgent-unmatched';
import { useUrgentCount } from '../../features/moderation/api/urgent-count';
import { ModeratorLanding } from '../../features/moderation/components/moderator-landing';

/** Coordinators, until the programme is set up: the first-run checklist, in the main column. */
function GettingStarted() {
  const { state } = useSetupState();
  if (!state || setupComplete(state)) return null;
  return (
    <section className="section panel" aria-labelledby="setup-title">
      <h2 id="setup-title">Getting started</h2>
      <SetupChecklist state={state} links={SETUP_LINKS} />
      <p className="dashboard__more">
        <Link to={paths.setup.getHref()}>Open the setup page</Link>
      </p>
    </section>
  );
}

const PRIVACY_SEEN = 'staffroom.privacy-panel-seen';

/**
 * True on this browser's first visit to the home page: the privacy panel is shown open once, then folded (one
 * click away). Kept in localStorage, which log-out clears, so each new sign-in shows it open once more.
 */
function useFirstVisit(): boolean {
  const [first] = useState(() => {
    try {
      return localStorage.getItem(PRIVACY_SEEN) !== '1';
    } catch {
      return true;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(PRIVACY_SEEN, '1');
    } catch {
      // Storage refused (private mode): the panel simply stays open.
    }
  }, []);
  return first;
}

/** The signed-in home page: who you are here, and what you can do now (read from the nav list). */
export function HomePage() {
  const me = useMe();
  const role = ROLE_TEXT[me.role];
  const actions = navItemsFor(me.role).filter((item) => item.description);
  const urgent = useUrgentCount();
  const unmatched = useUrgentUnmatched(me.role === 'admin');
  const firstVisit = useFirstVisit();
  return (
    <>
      <PageTitle documentTitle="Home">Hello, {me.pseudonym}</PageTitle>
      {urgent > 0 && (
        <p className="urgent-banner" role="status">
          <span className="badge badge--urgent">Urgent</span>{' '}
          {urgent === 1
            ? 'Someone may be at risk and no moderator has acknowledged it yet.'
            : `${urgent} alerts about someone at risk wait for a moderator.`}{' '}
          <Link to={paths.moderation.getHref()}>Open the report queue</Link>
        </p>
      )}
      {unmatched > 0 && (
        <p className="urgent-banner" role="status">
          <span className="badge badge--urgent">Urgent</span>{' '}
          {unmatched === 1
            ? 'A teacher’s urgent request for support waits with no consultant who could be offered it.'
            : `${unmatched} urgent requests for support wait with no consultant who could be offered them.`}{' '}
          <Link to={paths.support.getHref()}>Assign a consultant</Link>
        </p>
      )}
      <p className="lead">
        You are signed in as <span className="badge badge--role">{role.name}</span>. {role.summary}
      </p>

      {me.role === 'moderator' && <ModeratorLanding />}
      {me.role === 'member' && <PulseInvitation />}
      {me.role === 'admin' && <GettingStarted />}

      <div className="dashboard">
        <section className="section panel" aria-labelledby="my-groups-title">
          <h2 id="my-groups-title">Your groups</h2>
          <MyGroupsSummary />
          <p className="dashboard__more">
            <Link to={paths.groups.getHref()}>All groups</Link>
          </p>
        </section>
        <section className="section panel" aria-labelledby="week-title">
          <h2 id="week-title">This week</h2>
          <WeekSummary />
        </section>
        {me.role !== 'moderator' && (
          <section className="section panel" aria-labelledby="support-title">
            <h2 id="support-title">One-to-one support</h2>
            <SupportSummary viewer={me} />
          </section>
        )}
      </div>

      <section className="section" aria-labelledby="actions-title">
        <h2 id="actions-title">What you can do now</h2>
        <ul className="cards">
          {actions.map((item) => (
            <li key={item.to} className="card">
              <h3 className="card__title">
                <Link to={item.to} className="card__link">
                  {item.label}
                </Link>
              </h3>
              <p className="card__text">{item.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <details className="section panel privacy-panel" open={firstVisit}>
        <summary className="privacy-panel__summary">
          <h2 id="you-title">What Staffroom knows about you</h2>
        </summary>
        <p>
          Only your pseudonym, <strong>{me.pseudonym}</strong>, here since {formatDate(me.createdAt)}. Nothing
          links it to your name or your school.
        </p>
        <PrivacyPromise />
      </details>
    </>
  );
}
