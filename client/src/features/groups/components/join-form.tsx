import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { LIMITS } from '@staffroom/shared/limits';
import type { ClientResult } from '@staffroom/shared/protocol/client-events';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { liveConnection } from '../../../lib/live-connection';

export type Joined = ClientResult<'group:join'>;

type Errors = Partial<Record<'accept' | 'alias' | 'form', string>>;

export interface JoinFormProps {
  /** Which group: by id (listed) or by its code (invite-only). */
  target: { groupId: string } | { code: string };
  /** The guidelines to read, when they can be shown before joining. */
  guidelines?: ReactNode;
  /** False when this member already accepted the current guidelines (rejoining). */
  mustAccept: boolean;
  submitLabel?: string;
  onJoined: (joined: Joined) => void;
}

/**
 * The guidelines' "I accept" step, the optional per-group name, and the join itself. The server has the last
 * word: GUIDELINES_REQUIRED brings the acceptance step back even if we thought it was done.
 */
export function JoinForm({
  target,
  guidelines,
  mustAccept,
  submitLabel = 'Join the group',
  onJoined,
}: JoinFormProps) {
  const [needsAccept, setNeedsAccept] = useState(mustAccept);
  const [accepted, setAccepted] = useState(false);
  const [useAlias, setUseAlias] = useState(false);
  const [alias, setAlias] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const acceptBox = useRef<HTMLInputElement>(null);
  const aliasInput = useRef<HTMLInputElement>(null);
  const acceptErrorId = useId();
  const aliasHintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (needsAccept && !accepted) {
      setErrors({ accept: 'Please read the guidelines and tick “I accept” to join.' });
      acceptBox.current?.focus();
      return;
    }
    if (useAlias && !alias.trim()) {
      setErrors({ alias: 'Choose the name to use here, or untick “Use a different name”.' });
      aliasInput.current?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const ack = await liveConnection.request('group:join', {
      ...target,
      acceptGuidelines: accepted,
      ...(useAlias && alias.trim() ? { alias: alias.trim() } : {}),
    });
    setBusy(false);
    if (ack.ok) return onJoined(ack.data);
    const { code, message, field } = ack.error;
    if (code === 'GUIDELINES_REQUIRED') {
      setNeedsAccept(true);
      setErrors({ accept: 'The guidelines are new to you: please read them and tick “I accept”.' });
      requestAnimationFrame(() => acceptBox.current?.focus());
    } else if (field === 'alias' || code === 'PSEUDONYM_TAKEN' || code === 'PSEUDONYM_REJECTED') {
      setUseAlias(true);
      setErrors({ alias: message });
      requestAnimationFrame(() => aliasInput.current?.focus());
    } else if (code === 'BANNED') {
      setErrors({ form: 'You cannot join this group.' });
    } else if (code === 'NOT_FOUND') {
      setErrors({
        form:
          'code' in target
            ? 'This code does not open a group. Check it with the person who gave it to you.'
            : 'This group is no longer available.',
      });
    } else setErrors({ form: message });
  };

  return (
    <form className="form join" noValidate onSubmit={submit}>
      {errors.form && <Alert title="You have not joined">{errors.form}</Alert>}
      {guidelines}
      {needsAccept && (
        <div className={errors.accept ? 'field field--invalid' : 'field'}>
          {errors.accept && (
            <p id={acceptErrorId} className="field__error" role="alert">
              {errors.accept}
            </p>
          )}
          <label className="choice choice--strong">
            <input
              ref={acceptBox}
              type="checkbox"
              name="accept"
              checked={accepted}
              aria-describedby={errors.accept ? acceptErrorId : undefined}
              aria-invalid={errors.accept ? true : undefined}
              onChange={(e) => setAccepted(e.target.checked)}
            />
            <span>I have read the group’s guidelines and I accept them</span>
          </label>
        </div>
      )}
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="useAlias"
            checked={useAlias}
            aria-describedby={aliasHintId}
            onChange={(e) => setUseAlias(e.target.checked)}
          />
          <span>Use a different name in this group</span>
        </label>
        <p id={aliasHintId} className="field__hint choice__hint">
          Optional. Others in this group won’t be able to link it to your usual pseudonym. Moderators can
          still act on your account.
        </p>
      </div>
      {useAlias && (
        <Field label="Name in this group" error={errors.alias}>
          {(control) => (
            <input
              {...control}
              ref={aliasInput}
              className="input"
              name="alias"
              autoComplete="off"
              maxLength={LIMITS.pseudonymMax}
              value={alias}
              onChange={(e) => setAlias(e.target.value)}
            />
          )}
        </Field>
      )}
      <Button type="submit" busy={busy} busyLabel="Joining…">
        {submitLabel}
      </Button>
    </form>
  );
}
