import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { deriveSecrets } from '../../../lib/passphrase-secrets';
import { resetKeys, retryKeys, unlockKeys, type KeyState } from '../keys/key-store';
import type { Viewer } from '../model/viewer';

function PassphraseInput({
  value,
  onChange,
  error,
  inputRef,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [shown, setShown] = useState(false);
  return (
    <Field
      label="Your passphrase"
      hint="The one you log in with. It unlocks your key here, on this device, and is not sent anywhere."
      error={error}
      addon={
        <Button
          variant="quiet"
          className="reveal"
          aria-label={shown ? 'Hide passphrase' : 'Show passphrase'}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
        </Button>
      }
    >
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input"
          type={shown ? 'text' : 'password'}
          name="passphrase"
          autoComplete="current-password"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * Shown instead of a conversation while this device does not hold the unlocked private key: after the browser's
 * storage was cleared, after the key was replaced on another device, or when the passphrase does not unlock it.
 * Creating new keys is offered only with a plain warning of what it costs.
 */
export function UnlockKeys({ viewer, keys }: { viewer: Viewer; keys: KeyState }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [resetError, setResetError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'unlock' | 'reset' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const working = keys.status === 'working' || keys.status === 'checking' || keys.status === 'idle';
  // While the key is being derived, the page keeps showing what it showed before (no flicker of the form).
  const [settled, setSettled] = useState(keys.status);
  if (!working && settled !== keys.status) setSettled(keys.status);

  // Deriving the key takes a second: the form stays put (busy), unless the work started elsewhere.
  if (working && !busy) {
    return (
      <div className="panel keys-panel">
        <p className="loading" role="status">
          {keys.status === 'working' ? 'Unlocking your private conversations…' : 'Checking your private key…'}
        </p>
      </div>
    );
  }

  if (keys.status === 'unavailable' && !busy && !passphrase) {
    return (
      <div className="panel keys-panel">
        <Alert title="Your private key could not be checked">{keys.message}</Alert>
        <Button onClick={() => retryKeys(viewer)}>Try again</Button>
      </div>
    );
  }

  /** Argon2id of the passphrase typed here, with the account's pseudonym; null (and said) when unreachable. */
  const derive = async (): Promise<Uint8Array | null> => {
    try {
      return (await deriveSecrets(viewer.pseudonym, passphrase)).wrapSecret;
    } catch {
      setBusy(null);
      setError('Staffroom cannot be reached. Check your connection and try again.');
      return null;
    }
  };

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) {
      setError('Enter your passphrase.');
      input.current?.focus();
      return;
    }
    setError(null);
    setBusy('unlock');
    const wrapSecret = await derive();
    if (!wrapSecret) return;
    const status = await unlockKeys(viewer, wrapSecret);
    setBusy(null);
    if (status === 'mismatch') {
      setError('That passphrase does not unlock your key. Check it and try again.');
      input.current?.focus();
    } else if (status === 'ready') setPassphrase('');
  };

  const reset = async () => {
    if (!passphrase) {
      setError('Enter your passphrase first: your new key is protected with it.');
      input.current?.focus();
      return;
    }
    if (!understood) {
      setResetError('Tick the box to confirm you understand what happens to earlier history.');
      return;
    }
    setResetError(null);
    setBusy('reset');
    const wrapSecret = await derive();
    if (!wrapSecret) return;
    const status = await resetKeys(viewer, wrapSecret);
    setBusy(null);
    if (status === 'ready') setPassphrase('');
  };

  const missing = settled === 'missing';
  const mismatch = settled === 'mismatch';
  const problem = keys.status === 'unavailable' ? keys.message : null;

  return (
    <div className="panel keys-panel">
      <h2 className="keys-panel__title">
        {missing ? 'Set up your private key' : 'Unlock your private conversations'}
      </h2>
      <p>
        {missing
          ? 'One-to-one conversations are encrypted on your device with a key of your own. Your passphrase protects it, so that only you can use it — on any device you log in on.'
          : 'One-to-one conversations are encrypted with a key that only your passphrase unlocks. This device does not have it unlocked right now (for example after the browser’s data was cleared), so it asks once.'}
      </p>
      {mismatch && (
        <Alert title="Your passphrase did not unlock your key">
          <p>
            Your key was locked with a different passphrase. If you remember an earlier passphrase, try it
            below.
          </p>
        </Alert>
      )}
      <form className="form form--tight" noValidate onSubmit={(e) => void unlock(e)}>
        {problem && <Alert title="That did not work">{problem}</Alert>}
        <PassphraseInput value={passphrase} onChange={setPassphrase} error={error} inputRef={input} />
        <Button type="submit" busy={busy === 'unlock'} busyLabel="Unlocking…">
          {missing ? 'Set up my key' : 'Unlock'}
        </Button>
      </form>
      {(mismatch || settled === 'locked') && (
        <details className="keys-reset" open={mismatch}>
          <summary className="keys-reset__summary">Cannot unlock it? Create new keys</summary>
          <div className="keys-reset__body">
            <p className="keys-reset__warning">
              <strong>Before you do:</strong> new keys cannot read anything encrypted for the old ones. Your
              earlier one-to-one messages, goals and notes — and your consultant’s or teacher’s copy of them —
              will show as unreadable, for good. New messages will work as usual.
            </p>
            <label className="keys-reset__confirm">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              <span>I understand that older one-to-one history becomes unreadable.</span>
            </label>
            {resetError && (
              <p className="field__error" role="alert">
                {resetError}
              </p>
            )}
            <Button
              variant="danger"
              busy={busy === 'reset'}
              busyLabel="Creating new keys…"
              onClick={() => void reset()}
            >
              Create new keys
            </Button>
          </div>
        </details>
      )}
    </div>
  );
}
