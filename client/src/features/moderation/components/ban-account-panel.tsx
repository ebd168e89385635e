import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Button } from '../../../components/button';
import { moderationApi } from '../api/moderation-api';
import { useAnnouncer } from '../hooks/use-announcer';
import { describeMinutes } from '../model/durations';
import { LiveNotices } from './live-notices';
import { BanDialog } from './member-dialogs';

/** The server's bound on a pseudonym in `mod:ban-account`. */
const PSEUDONYM_MAX = 40;

/**
 * Coordinators: ban an account from all of Staffroom by its pseudonym, for someone who is in no group (so in
 * no members table). The same confirmation as a Staffroom-wide ban from a group: a warning, a tick, a reason.
 */
export function BanAccountPanel() {
  const id = useId();
  const [pseudonym, setPseudonym] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ReactElement | null>(null);
  const announcer = useAnnouncer();

  const open = (event: FormEvent) => {
    event.preventDefault();
    const name = pseudonym.trim();
    if (name === '') {
      setProblem('Enter the pseudonym of the account to ban.');
      document.getElementById(`${id}-pseudonym`)?.focus();
      return;
    }
    setProblem(null);
    setDialog(
      <BanDialog
        member={{ name }}
        groupName=""
        global
        onClose={() => setDialog(null)}
        fallbackFocus={() => document.getElementById(`${id}-pseudonym`)}
        onBan={async (minutes, reason) => {
          await moderationApi.banAccount(name, minutes, reason);
          const span = minutes === null ? 'permanently' : `for ${describeMinutes(minutes)}`;
          announcer.announce(`${name} is banned from Staffroom ${span}.`, 'success');
          setPseudonym('');
        }}
      />,
    );
  };

  return (
    <section className="mod-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Ban an account from Staffroom</h2>
      <p className="mod-section__intro">
        For an account that is in no group, so not in any members list. Enter its exact pseudonym; you confirm
        and give a reason next.
      </p>
      <form className="mod-inline-form" noValidate onSubmit={open}>
        <label htmlFor={`${id}-pseudonym`} className="field__label">
          Pseudonym
        </label>
        <div className="field__control">
          <input
            id={`${id}-pseudonym`}
            className="input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={PSEUDONYM_MAX}
            value={pseudonym}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => {
              setPseudonym(e.target.value);
              setProblem(null);
            }}
          />
          <Button type="submit" variant="secondary">
            Ban from Staffroom…
          </Button>
        </div>
        {problem && (
          <p id={`${id}-problem`} className="field__error" role="alert">
            {problem}
          </p>
        )}
      </form>
      <LiveNotices announcer={announcer} />
      {dialog}
    </section>
  );
}
