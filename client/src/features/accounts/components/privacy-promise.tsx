import { useId } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';

/**
 * The privacy promise in plain words. It must stay true: it summarises what the server keeps about an account
 * (the whole list, from the registry of stored data, is the privacy page) and what it never asks for.
 */
export function PrivacyPromise({ heading: Heading = 'h3' }: { heading?: 'h2' | 'h3' }) {
  const id = useId();
  return (
    <div className="promise">
      <section className="promise__column promise__column--kept" aria-labelledby={`${id}-kept`}>
        <Heading id={`${id}-kept`} className="promise__heading">
          What Staffroom keeps
        </Heading>
        <ul className="promise__list">
          <li>Your pseudonym and your role.</li>
          <li>A one-way hash of your passphrase: nobody can read your passphrase from it, not even us.</li>
          <li>
            Your sessions: the kind of device (like “Firefox on Android”), when you logged in and when you
            were last active.
          </li>
          <li>What you write in groups, under your pseudonym.</li>
          <li>
            If you ask for one-to-one support and choose to give them: your school and district, only as
            unreadable fingerprints, deleted when the request ends.
          </li>
        </ul>
        <p>
          <Link to={paths.privacy.getHref()}>Everything Staffroom stores, for how long, and who sees it</Link>
        </p>
      </section>
      <section className="promise__column promise__column--never" aria-labelledby={`${id}-never`}>
        <Heading id={`${id}-never`} className="promise__heading">
          Never asked, never stored
        </Heading>
        <ul className="promise__list">
          <li>Your email address or phone number.</li>
          <li>Your real name.</li>
          <li>Your IP address.</li>
          <li>Your school or district in readable form.</li>
        </ul>
      </section>
    </div>
  );
}
