import { Link } from 'react-router';
import {
  NEVER_STORED,
  STORED,
  type Form,
  type StoredData,
  type StoredId,
} from '@staffroom/shared/privacy/registry';
import { ERASURE_WORDS, FORM_WORDS, viewersInWords, WHOSE_WORDS } from '@staffroom/shared/privacy/words';
import { PageTitle } from '../../components/page-title';
import { paths } from '../../config/paths';
import './privacy.css';

const AREAS: { prefix: string; title: string }[] = [
  { prefix: 'accounts', title: 'Your account and log-ins' },
  { prefix: 'groups', title: 'Groups and meetings' },
  { prefix: 'messages', title: 'Group messages' },
  { prefix: 'moderation', title: 'Moderation and reports' },
  { prefix: 'consultations', title: 'One-to-one support' },
  { prefix: 'wellness', title: 'The wellness pulse' },
  { prefix: 'workshops', title: 'Workshops and focus groups' },
  { prefix: 'retention', title: 'How long groups keep their messages' },
  { prefix: 'settings', title: 'Settings coordinators choose' },
  { prefix: 'platform', title: 'Keeping the service running' },
];
const FORMS: Form[] = ['readable', 'ciphertext', 'fingerprint', 'metadata', 'counts'];

const entries = (Object.keys(STORED) as StoredId[]).map((id) => ({ id, entry: STORED[id] as StoredData }));
/** Channels store nothing: they are listed once, not as data. */
const stored = entries.filter((e) => e.entry.type !== 'channel');

function Entry({ id, entry }: { id: StoredId; entry: StoredData }) {
  const headingId = `stored-${id.replace('.', '-')}`;
  return (
    <li className="privacy-entry" data-entry={id}>
      <h4 id={headingId} className="privacy-entry__title">
        {entry.title}
      </h4>
      <dl className="privacy-entry__facts">
        <dt>What it holds</dt>
        <dd>{entry.holds}</dd>
        <dt>Whose it is</dt>
        <dd>{WHOSE_WORDS[entry.whose]}</dd>
        <dt>Why</dt>
        <dd>{entry.why}</dd>
        <dt>How long</dt>
        <dd>
          {entry.retention.words}
          {entry.retention.config && entry.retention.config.length > 0 && (
            <>
              {' '}
              <span className="privacy-entry__config">
                (set by the operator:{' '}
                {entry.retention.config.map((c, i) => (
                  <span key={c}>
                    {i > 0 && ', '}
                    <code>{c}</code>
                  </span>
                ))}
                )
              </span>
            </>
          )}
        </dd>
        <dt>Who can see it</dt>
        <dd>{viewersInWords(entry)}</dd>
        <dt>If you delete your account</dt>
        <dd>{ERASURE_WORDS[entry.erasure]}</dd>
      </dl>
    </li>
  );
}

/**
 * What Staffroom stores, generated from the registry of stored data (`shared/src/privacy/registry.ts`), which a
 * test checks against a real Redis dump. Public: readable before signing up.
 */
export function PrivacyPage() {
  return (
    <div className="privacy">
      <PageTitle documentTitle="Privacy">What Staffroom stores, and for how long</PageTitle>
      <p className="lead">
        This page is made from the same list the server uses to name every piece of data it keeps, so it
        cannot leave anything out. A test fills a real database through every feature and checks that
        everything in it is on this list.
      </p>
      <nav className="panel" aria-labelledby="privacy-contents">
        <h2 id="privacy-contents" className="privacy__small-heading">
          On this page
        </h2>
        <ul>
          <li>
            <a href="#never">What is never stored</a>
          </li>
          <li>
            <a href="#coordinators">What coordinators see</a>
          </li>
          <li>
            <a href="#school">Your school and district</a>
          </li>
          <li>
            <a href="#stored">Everything that is stored</a>
          </li>
          <li>
            <a href="#compelled">What an operator could hand over</a>
          </li>
        </ul>
      </nav>

      <section className="section panel" aria-labelledby="never">
        <h2 id="never">What is never stored</h2>
        <ul className="privacy__never">
          {NEVER_STORED.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      <section className="section panel" aria-labelledby="coordinators">
        <h2 id="coordinators">What coordinators see</h2>
        <p>
          Coordinators run the programme: they create groups and invite codes, appoint moderators and see
          totals about at least five people. They never read what anyone wrote.
        </p>
        <ul>
          <li>
            They cannot join a group or open its messages. Each group’s moderators read its messages, reports
            and messages held for review.
          </li>
          <li>
            Nobody but its two participants can read a one-to-one conversation. Reporting one sends only your
            reason and your own note, never its messages: Staffroom’s moderators read the note, coordinators
            only learn that a report was made.
          </li>
          <li>
            If nobody answers an urgent alert in time, coordinators learn which group, since when and whether
            a moderator is on it, never the text or who it is about. They can send the member a private
            message of care without knowing who they are.
          </li>
        </ul>
      </section>

      <section className="section panel" aria-labelledby="school">
        <h2 id="school">Your school and district</h2>
        <p>
          Staffroom asks for them only on the one-to-one support request, and they are optional. They are used
          for one thing: never matching you with a consultant from your own school or district.
        </p>
        <ul>
          <li>
            The server never stores them as written. It keeps only keyed fingerprints: a code made with a
            secret that is not in the database (HMAC). A fingerprint cannot be read back; it only tells
            whether two names are the same.
          </li>
          <li>
            The fingerprints of your request are deleted when the request ends: when you are matched, or when
            you withdraw it.
          </li>
          <li>
            Nobody sees them, not your consultant, not moderators, not coordinators. Someone holding both the
            database and the server secret could test guesses of school names against them.
          </li>
          <li>
            Consultants may give theirs too, for the same reason; theirs are kept as fingerprints as long as
            their profile.
          </li>
        </ul>
      </section>

      <section className="section" aria-labelledby="stored">
        <h2 id="stored">Everything that is stored</h2>
        <p>
          Grouped by what it is for. Operators (whoever runs the server and its database) can read everything
          stored, in the form described in the last section.
        </p>
        {AREAS.map((area) => {
          const inArea = stored.filter((e) => e.id.startsWith(`${area.prefix}.`));
          if (inArea.length === 0) return null;
          return (
            <section key={area.prefix} className="panel privacy-area" aria-labelledby={`area-${area.prefix}`}>
              <h3 id={`area-${area.prefix}`}>{area.title}</h3>
              <ul className="privacy-entries">
                {inArea.map((e) => (
                  <Entry key={e.id} id={e.id} entry={e.entry} />
                ))}
              </ul>
            </section>
          );
        })}
        <p>
          Live updates pass between servers through channels that store nothing (
          {entries
            .filter((e) => e.entry.type === 'channel')
            .map((e) => e.entry.title.toLowerCase())
            .join(', ')}
          ).
        </p>
      </section>

      <section className="section panel" aria-labelledby="compelled">
        <h2 id="compelled">What an operator could hand over if compelled</h2>
        <p>
          If whoever runs Staffroom were made to hand over its database, this is all it holds, and in what
          form. Nothing else exists to hand over: no IP addresses, no real names, no emails.
        </p>
        <div className="privacy__table-wrap">
          <table className="privacy__table">
            <caption>The database, by how readable it is</caption>
            <thead>
              <tr>
                <th scope="col">Form</th>
                <th scope="col">What that means</th>
                <th scope="col">What is in this form</th>
              </tr>
            </thead>
            <tbody>
              {FORMS.map((form) => (
                <tr key={form} data-form={form}>
                  <th scope="row">{FORM_WORDS[form].title}</th>
                  <td>{FORM_WORDS[form].means}</td>
                  <td>
                    {stored
                      .filter((e) => e.entry.form === form)
                      .map((e) => e.entry.title)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          The server secret (the pepper) is kept out of the database. Without it, the log-in hashes cannot be
          tested and the fingerprints cannot be checked against guesses. The threat model in the project’s
          security document says what each party can and cannot learn.
        </p>
      </section>
      <p className="aside">
        <Link to={paths.welcome.getHref()}>Back to the start</Link>
      </p>
    </div>
  );
}
