import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '@staffroom/shared/limits';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { Me } from '@staffroom/shared/schemas/accounts';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { ApiError } from '../../../lib/api';
import { formatWait } from '../../../utils/format';
import { accountsApi } from '../api/accounts-api';
import { useAuth } from '../auth/auth-context';
import { PassphraseField } from '../components/passphrase-field';
import { deriveSecrets, type PassphraseSecrets } from '../../../lib/passphrase-secrets';
import { FinishErasure } from '../../privacy-actions/components/finish-erasure';

interface Problem {
  title: string;
  text: string;
  /** An interrupted erasure of this account: its owner may finish it from here. */
  erasing?: boolean;
}

function describe(err: unknown): Problem {
  if (!(err instanceof ApiError))
    return { title: 'Log-in did not work', text: 'Something went wrong. Try again.' };
  switch (err.code) {
    case ErrorCode.INVALID_CREDENTIALS:
      return {
        title: 'Wrong pseudonym or passphrase',
        text: 'That pseudonym and passphrase do not match. Check both and try again.',
      };
    case ErrorCode.LOCKED_OUT:
      return {
        title: 'Locked for now',
        text: `Too many failed attempts. This pseudonym is locked for ${formatWait(err.retryAfterMs ?? 15 * 60_000)}. Try again after that.`,
      };
    case ErrorCode.RATE_LIMITED:
      return {
        title: 'Too many attempts',
        text: `Wait ${formatWait(err.retryAfterMs ?? 60_000)} and try again.`,
      };
    case ErrorCode.ACCOUNT_ERASING:
      return { title: 'This account is being erased', text: err.message, erasing: true };
    default:
      return { title: 'Log-in did not work', text: err.message };
  }
}

export interface LogInPageProps {
  /**
   * Runs once the server accepted the auth secret, before the app moves on (the one-to-one key is unlocked with
   * the wrap secret). This page never keeps the passphrase or its secrets beyond that call.
   */
  afterSignIn?: (me: Me, secrets: PassphraseSecrets) => Promise<void>;
}

export function LogInPage({ afterSignIn }: LogInPageProps = {}) {
  const { signedIn, notice } = useAuth();
  const [pseudonym, setPseudonym] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState<{ pseudonym?: string; passphrase?: string }>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const pseudonymInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const empty = {
      ...(pseudonym.trim() ? {} : { pseudonym: 'Enter your pseudonym.' }),
      ...(passphrase ? {} : { passphrase: 'Enter your passphrase.' }),
    };
    setMissing(empty);
    setProblem(null);
    if (empty.pseudonym) return pseudonymInput.current?.focus();
    if (empty.passphrase) return passphraseInput.current?.focus();
    setBusy(true);
    try {
      // The passphrase stops here: the server gets the auth secret derived from it (Argon2id, in this tab).
      const secrets = await deriveSecrets(pseudonym.trim(), passphrase);
      const { me } = await accountsApi.logIn({ pseudonym: pseudonym.trim(), authSecret: secrets.authSecret });
      if (afterSignIn) {
        setUnlocking(true);
        await afterSignIn(me, secrets).catch(() => undefined);
      }
      signedIn(me);
    } catch (err) {
      setBusy(false);
      setProblem(describe(err));
    }
  };

  return (
    <div className="narrow">
      <PageTitle documentTitle="Log in">Log in</PageTitle>
      {notice && (notice.tone === 'error' ? <Alert>{notice.text}</Alert> : <Status>{notice.text}</Status>)}
      <form className="form panel" noValidate onSubmit={onSubmit}>
        {problem && <Alert title={problem.title}>{problem.text}</Alert>}
        {problem?.erasing && <FinishErasure pseudonym={pseudonym.trim()} passphrase={passphrase} />}
        <Field label="Pseudonym" error={missing.pseudonym}>
          {(control) => (
            <input
              {...control}
              ref={pseudonymInput}
              className="input"
              name="pseudonym"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={LIMITS.pseudonymMax * 2}
              value={pseudonym}
              onChange={(e) => setPseudonym(e.target.value)}
            />
          )}
        </Field>
        <PassphraseField
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          inputRef={passphraseInput}
          error={missing.passphrase}
        />
        <Button
          type="submit"
          busy={busy}
          busyLabel={unlocking ? 'Unlocking your private conversations…' : 'Logging in…'}
        >
          Log in
        </Button>
      </form>
      <p className="aside">
        New here? <Link to={paths.signUp.getHref()}>Sign up with an invite code</Link>.
      </p>
      <p className="aside">
        Forgot your passphrase? Staffroom cannot reset it, because it does not know who you are. Ask your
        coordinator for a new invite code and join again under a new pseudonym.
      </p>
    </div>
  );
}
