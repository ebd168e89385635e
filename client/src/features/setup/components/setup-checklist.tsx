import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { setupApi } from '../api/setup-api';
import '../setup.css';

/** Set when the coordinator opens the privacy page from the checklist (this browser only; nothing is sent). */
const PRIVACY_READ = 'staffroom.setup.privacy-read';

export interface SetupState {
  groups: number;
  moderatorInvites: boolean;
  consultantInvites: boolean;
  crisisSet: boolean;
  privacyRead: boolean;
}

const readPrivacyFlag = () => {
  try {
    return localStorage.getItem(PRIVACY_READ) === '1';
  } catch {
    return false;
  }
};

/** Where a new programme stands: read from what exists (groups, invites, contacts), so it is never out of date. */
export function useSetupState(): { state: SetupState | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<SetupState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let cancelled = false;
    Promise.all([setupApi.groups(), setupApi.invites(), setupApi.crisisContacts()]).then(
      ([groups, invites, crisis]) => {
        if (cancelled) return;
        // An invite counts once someone used it, or while it can still be used.
        const live = invites.filter((i) => i.uses > 0 || (!i.revoked && i.expiresAt > Date.now()));
        setState({
          groups: groups.length,
          moderatorInvites: live.some((i) => i.role === 'moderator'),
          consultantInvites: live.some((i) => i.role === 'consultant'),
          crisisSet: crisis.source === 'coordinator',
          privacyRead: readPrivacyFlag(),
        });
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : 'Could not check.'),
    );
    return () => {
      cancelled = true;
    };
  }, [round]);
  return { state, error, reload: useCallback(() => setRound((r) => r + 1), []) };
}

export function setupComplete(s: SetupState): boolean {
  return s.groups > 0 && s.moderatorInvites && s.consultantInvites && s.crisisSet && s.privacyRead;
}

interface Step {
  done: boolean;
  title: string;
  text: string;
  to: string;
  action: string;
  onFollow?: () => void;
}

/**
 * A coordinator's first run: the four things that turn a fresh install into a running programme, each done or
 * not, with a link to where it is done. `paths` are passed in so this feature does not import the others.
 */
export function SetupChecklist({
  state,
  links,
}: {
  state: SetupState;
  links: { groups: string; invites: string; crisis: string; privacy: string };
}) {
  const steps: Step[] = [
    {
      done: state.groups > 0,
      title: 'Create the first groups',
      text:
        state.groups > 0
          ? `${state.groups === 1 ? 'One group exists' : `${state.groups} groups exist`}.`
          : 'Start from the seed topics (new assignment, a challenging class, workload, wellness focus groups…), each with guidelines you can edit.',
      to: links.groups,
      action: state.groups > 0 ? 'See the groups' : 'Create starter groups',
    },
    {
      done: state.moderatorInvites && state.consultantInvites,
      title: 'Invite moderators and consultants',
      text: [
        state.moderatorInvites ? 'Moderators: invited.' : 'Moderators keep groups safe: invite at least one.',
        state.consultantInvites
          ? 'Consultants: invited.'
          : 'Consultants offer one-to-one support: invite the experienced teachers who volunteer.',
      ].join(' '),
      to: links.invites,
      action: 'Create invites',
    },
    {
      done: state.crisisSet,
      title: 'Set the crisis contacts',
      text: state.crisisSet
        ? 'Your contacts are shown to anyone whose words suggest risk.'
        : 'Put your district’s employee assistance programme first; it is shown privately to anyone whose words suggest risk.',
      to: links.crisis,
      action: state.crisisSet ? 'Review them' : 'Set them',
    },
    {
      done: state.privacyRead,
      title: 'Read the privacy page',
      text: 'What Staffroom stores, for how long, and who can see it: what you can promise your colleagues.',
      to: links.privacy,
      action: 'Read it',
      onFollow: () => {
        try {
          localStorage.setItem(PRIVACY_READ, '1');
        } catch {
          // Storage refused: the step simply stays open.
        }
      },
    },
  ];
  const done = steps.filter((s) => s.done).length;
  return (
    <div className="setup">
      <p className="setup__progress">
        {done} of {steps.length} done
      </p>
      <ol className="setup__steps">
        {steps.map((s) => (
          <li key={s.title} className={`setup__step${s.done ? ' setup__step--done' : ''}`}>
            <span className="setup__mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <div>
              <p className="setup__title">
                {s.title}
                <span className="visually-hidden">{s.done ? ' (done)' : ' (to do)'}</span>
              </p>
              <p className="setup__text">{s.text}</p>
              <Link to={s.to} onClick={s.onFollow} className="setup__link">
                {s.action}
                <span className="visually-hidden">: {s.title}</span>
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
