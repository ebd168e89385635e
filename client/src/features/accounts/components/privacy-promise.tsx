import { useId } from 'react';

/**
 * The privacy promise in plain words. It must stay true: it lists exactly what the server keeps
 * (`server/src/features/accounts/accounts.store.ts`) and what it never asks for.
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
        </ul>
      </section>
      <section className="promise__column promise__column--never" aria-labelledby={`${id}-never`}>
        <Heading id={`${id}-never`} className="promise__heading">
          Never asked, never stored
        </Heading>
        <ul className="promise__list">
          <li>Your email address or phone number.</li>
          <li>Your real name.</li>
          <li>Your school.</li>
          <li>Your IP address.</li>
        </ul>
      </section>
    </div>
  );
}
