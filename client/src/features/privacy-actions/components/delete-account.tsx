import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { Me } from '@staffroom/shared/schemas/accounts';
import type { EraseMessages } from '@staffroom/shared/schemas/privacy';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ApiError } from '../../../lib/api';
import { deriveSecrets } from '../../../lib/passphrase-secrets';
import { formatWait } from '../../../utils/format';
import { PassphraseField } from '../../accounts/components/passphrase-field';
import { privacyApi } from '../api/privacy-api';

const CHOICES: { value: EraseMessages; label: string; hint: string }[] = [
  {
    value: 'remove',
    label: 'Remove my group messages',
    hint: 'Each one becomes “removed by its author” for everyone.',
  },
  {
    value: 'de-attribute',
    label: 'Keep my group messages, without my name',
    hint: 'The words stay for the group, shown as from “Former member”, with nothing that leads to you.',
  },
];

/**
 * Delete my account: a choice for the group messages, the passphrase (derived here, as log-in does), then a
 * confirmation. The server erases everything and ends every session; `onErased` returns to the log-in page.
 */
export function DeleteAccount({ me, onErased }: { me: Pick<Me, 'pseudonym'>; onErased: () => void }) {
  const [messages, setMessages] = useState<EraseMessages>('remove');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const name = useId();

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError('Enter your passphrase to delete your account.');
      input.current?.focus();
      return;
    }
    setError(null);
    setConfirming(true);
  };

  const erase = async () => {
    setBusy(true);
    try {
      const { authSecret } = await deriveSecrets(me.pseudonym, passphrase);
      await privacyApi.erase({ pseudonym: me.pseudonym, authSecret, messages });
      setPassphrase('');
      onErased();
    } catch (err) {
      setBusy(false);
      setConfirming(false);
      setError(
        err instanceof ApiError && err.code === ErrorCode.INVALID_CREDENTIALS
          ? 'That passphrase is not right. Nothing was deleted.'
          : err instanceof ApiError &&
              (err.code === ErrorCode.LOCKED_OUT || err.code === ErrorCode.RATE_LIMITED)
            ? `Too many wrong passphrases. Try again in ${formatWait(err.retryAfterMs ?? 60_000)}.`
            : err instanceof Error
              ? `${err.message} If part of it was done, asking again with the same passphrase finishes it.`
              : 'Something went wrong. Asking again with the same passphrase finishes it.',
      );
      input.current?.focus();
    }
  };

  return (
    <>
      <form className="form" noValidate onSubmit={ask} aria-label="Delete my account">
        {error && <Alert>{error}</Alert>}
        <fieldset className="mod-choices">
          <legend className="field__label">Your group messages</legend>
          {CHOICES.map((c) => (
            <label key={c.value} className="mod-choice">
              <input
                type="radio"
                name={`${name}-messages`}
                value={c.value}
                checked={messages === c.value}
                onChange={() => setMessages(c.value)}
              />
              {c.label}. <span className="muted">{c.hint}</span>
            </label>
          ))}
        </fieldset>
        <PassphraseField
          label="Your passphrase"
          name="delete-passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          inputRef={input}
        />
        <Button type="submit" variant="danger">
          Delete my account…
        </Button>
      </form>
      {confirming && (
        <ConfirmDialog
          title="Delete your account for good?"
          confirmLabel="Delete my account"
          busy={busy}
          onConfirm={() => void erase()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Your account, sessions, keys, group memberships, reactions, pulse trend and requests are erased,
            and{' '}
            {messages === 'remove'
              ? 'your group messages are removed'
              : 'your group messages stay without your name'}
            . Your one-to-one conversations end and what you wrote in them is deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
