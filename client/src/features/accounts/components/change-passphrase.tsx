import { useRef, useState, type FormEvent } from 'react';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { checkPassphrase, passphraseStrength } from '@staffroom/shared/rules/passphrase';
import type { Me } from '@staffroom/shared/schemas/accounts';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { api, ApiError } from '../../../lib/api';
import { rewrapIdentity } from '../../../lib/e2e-crypto';
import { deriveSecrets, wrappingKey } from '../../../lib/passphrase-secrets';
import { formatWait } from '../../../utils/format';
import { accountsApi } from '../api/accounts-api';
import { passphraseFeedback } from './passphrase-feedback';
import { PassphraseField } from './passphrase-field';
import { StrengthMeter } from './strength-meter';

type Errors = Partial<Record<'current' | 'next' | 'form', string>>;

/**
 * Change passphrase. Both passphrases are derived here (Argon2id) and dropped; the private key, if the account
 * has one, is unwrapped with the current one and wrapped again with the new one, so the key pair (and every
 * conversation it opens) stays the same. The server swaps the auth hash and the wrapped key together, only if
 * the current secret verifies, and ends every other session.
 */
export function ChangePassphrase({ me }: { me: Pick<Me, 'pseudonym'> }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const currentInput = useRef<HTMLInputElement>(null);
  const nextInput = useRef<HTMLInputElement>(null);

  const fail = (found: Errors) => {
    setErrors(found);
    if (found.current) currentInput.current?.focus();
    else if (found.next) nextInput.current?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const rule = checkPassphrase(next, me.pseudonym);
    const found: Errors = {
      ...(current ? {} : { current: 'Enter your current passphrase.' }),
      ...(!rule.ok
        ? { next: rule.message }
        : next === current
          ? { next: 'Choose a passphrase different from the current one.' }
          : {}),
    };
    if (found.current || found.next) return fail(found);
    setErrors({});
    setBusy(true);
    try {
      const was = await deriveSecrets(me.pseudonym, current);
      const will = await deriveSecrets(me.pseudonym, next);
      // The key bundle is read here directly (it is served by the consultations API): this page only re-wraps it.
      const { keys } = await api.get<{ keys: KeyBundle | null }>('/api/keys');
      let rewrapped: KeyBundle | null = null;
      if (keys) {
        const [oldKey, newKey] = await Promise.all([
          wrappingKey(was.wrapSecret),
          wrappingKey(will.wrapSecret),
        ]);
        try {
          rewrapped = await rewrapIdentity(keys, oldKey, newKey);
        } catch {
          setBusy(false);
          return fail({ current: 'The current passphrase is not right. Nothing was changed.' });
        }
      }
      const { ended } = await accountsApi.changePassphrase({
        currentAuthSecret: was.authSecret,
        newAuthSecret: will.authSecret,
        keys: rewrapped,
      });
      setCurrent('');
      setNext('');
      setDone(
        ended > 0
          ? `Your passphrase is changed. ${ended === 1 ? 'Your other session was' : `Your ${ended} other sessions were`} ended: log in there with the new passphrase.`
          : 'Your passphrase is changed. Use the new one the next time you log in.',
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.INVALID_CREDENTIALS)
        fail({ current: 'The current passphrase is not right. Nothing was changed.' });
      else if (err instanceof ApiError && err.code === ErrorCode.LOCKED_OUT)
        fail({
          form: `Too many wrong passphrases. Try again in ${formatWait(err.retryAfterMs ?? 15 * 60_000)}.`,
        });
      else fail({ form: err instanceof Error ? err.message : 'Something went wrong. Nothing was changed.' });
    } finally {
      setBusy(false);
    }
  };

  const strength =
    next && checkPassphrase(next, me.pseudonym).ok ? passphraseStrength(next, me.pseudonym) : 0;

  return (
    <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label="Change passphrase">
      {errors.form && <Alert>{errors.form}</Alert>}
      {done && <Status tone="success">{done}</Status>}
      <PassphraseField
        label="Current passphrase"
        name="current-passphrase"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        inputRef={currentInput}
        error={errors.current}
      />
      <PassphraseField
        label="New passphrase"
        name="new-passphrase"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        inputRef={nextInput}
        hint="At least ten characters. A short sentence you will remember works well."
        feedback={passphraseFeedback(next, me.pseudonym)}
        error={errors.next}
        below={<StrengthMeter strength={next ? strength : null} />}
      />
      <Button type="submit" busy={busy} busyLabel="Changing your passphrase…">
        Change passphrase
      </Button>
    </form>
  );
}
