import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '@staffroom/shared/limits';
import type { Me } from '@staffroom/shared/schemas/accounts';
import { checkPassphrase, passphraseStrength } from '@staffroom/shared/rules/passphrase';
import { checkPseudonym } from '@staffroom/shared/rules/pseudonym';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field, type FieldFeedback } from '../../../components/field';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { ApiError } from '../../../lib/api';
import { accountsApi } from '../api/accounts-api';
import { useAuth } from '../auth/auth-context';
import { PassphraseField } from '../components/passphrase-field';
import { deriveSecrets, type PassphraseSecrets } from '../../../lib/passphrase-secrets';
import { PseudonymSuggestions } from '../components/pseudonym-suggestions';
import { StrengthMeter } from '../components/strength-meter';
import { passphraseFeedback } from '../components/passphrase-feedback';

type FieldName = 'invite' | 'pseudonym' | 'passphrase';
type Errors = Partial<Record<FieldName | 'form', string>>;
const FIELDS: readonly FieldName[] = ['invite', 'pseudonym', 'passphrase'];

function pseudonymFeedback(value: string): FieldFeedback | null {
  if (!value.trim()) return null;
  const rule = checkPseudonym(value);
  return rule.ok
    ? { tone: 'ok', text: 'This pseudonym follows the rules.' }
    : { tone: 'warn', text: rule.message };
}

function validate(invite: string, pseudonym: string, passphrase: string): Errors {
  const errors: Errors = {};
  if (!invite.trim()) errors.invite = 'Enter the invite code you were given.';
  const name = checkPseudonym(pseudonym);
  if (!name.ok)
    errors.pseudonym = pseudonym.trim() ? name.message : 'Choose a pseudonym, or pick a suggestion.';
  const pass = checkPassphrase(passphrase, pseudonym);
  if (!pass.ok) errors.passphrase = pass.message;
  return errors;
}

export interface SignUpPageProps {
  /**
   * Runs once the account exists, before the app moves on (the one-to-one key is made and wrapped with the
   * passphrase). This page never keeps the passphrase beyond that call.
   */
  afterSignIn?: (me: Me, secrets: PassphraseSecrets) => Promise<void>;
}

export function SignUpPage({ afterSignIn }: SignUpPageProps = {}) {
  const { signedIn } = useAuth();
  const [params] = useSearchParams();
  const [invite, setInvite] = useState(() => params.get('invite') ?? '');
  const [pseudonym, setPseudonym] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [securing, setSecuring] = useState(false);
  const inputs = {
    invite: useRef<HTMLInputElement>(null),
    pseudonym: useRef<HTMLInputElement>(null),
    passphrase: useRef<HTMLInputElement>(null),
  };

  const edit = (field: FieldName, set: (v: string) => void) => (value: string) => {
    set(value);
    if (errors[field]) setErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const showErrors = (next: Errors) => {
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    if (first) inputs[first].current?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = validate(invite, pseudonym, passphrase);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      // The passphrase stops here: the server gets the auth secret derived from it (Argon2id, in this tab).
      const secrets = await deriveSecrets(pseudonym.trim(), passphrase);
      const { me } = await accountsApi.signUp({
        invite: invite.trim(),
        pseudonym: pseudonym.trim(),
        authSecret: secrets.authSecret,
      });
      if (afterSignIn) {
        setSecuring(true);
        await afterSignIn(me, secrets).catch(() => undefined);
      }
      signedIn(me);
    } catch (err) {
      setBusy(false);
      const message = err instanceof Error ? err.message : 'Sign-up failed. Try again.';
      const field = err instanceof ApiError ? FIELDS.find((f) => f === err.field) : undefined;
      showErrors(field ? { [field]: message } : { form: message });
    }
  };

  const strength =
    passphrase && checkPassphrase(passphrase, pseudonym).ok ? passphraseStrength(passphrase, pseudonym) : 0;

  return (
    <div className="narrow">
      <PageTitle documentTitle="Sign up">Sign up</PageTitle>
      <p className="lead">
        Three things, and nothing else: your invite code, a pseudonym and a passphrase. We never ask for your
        email, phone number or real name.
      </p>
      <form className="form panel" noValidate onSubmit={onSubmit}>
        {errors.form && <Alert title="Sign-up did not work">{errors.form}</Alert>}
        <Field label="Invite code" hint="The code from the person who invited you." error={errors.invite}>
          {(control) => (
            <input
              {...control}
              ref={inputs.invite}
              className="input input--code"
              name="invite"
              autoComplete="off"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={LIMITS.inviteCodeMax}
              value={invite}
              onChange={(e) => edit('invite', setInvite)(e.target.value)}
            />
          )}
        </Field>

        <div className="pseudonym-picker">
          <Field
            label="Pseudonym"
            hint={`How others will see you. ${LIMITS.pseudonymMin} to ${LIMITS.pseudonymMax} letters, digits, dots, dashes or underscores. Not your real name.`}
            feedback={pseudonymFeedback(pseudonym)}
            error={errors.pseudonym}
          >
            {(control) => (
              <input
                {...control}
                ref={inputs.pseudonym}
                className="input"
                name="pseudonym"
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                maxLength={LIMITS.pseudonymMax * 2}
                value={pseudonym}
                onChange={(e) => edit('pseudonym', setPseudonym)(e.target.value)}
              />
            )}
          </Field>
          <PseudonymSuggestions current={pseudonym} onPick={edit('pseudonym', setPseudonym)} />
        </div>

        <PassphraseField
          value={passphrase}
          onChange={edit('passphrase', setPassphrase)}
          autoComplete="new-password"
          inputRef={inputs.passphrase}
          hint={`At least ${LIMITS.passphraseMin} characters. A short sentence you will remember works well.`}
          feedback={passphraseFeedback(passphrase, pseudonym)}
          error={errors.passphrase}
          below={<StrengthMeter strength={passphrase ? strength : null} />}
        />

        <Button
          type="submit"
          busy={busy}
          busyLabel={securing ? 'Setting up your private key…' : 'Creating your account…'}
        >
          Create my account
        </Button>
      </form>
      <p className="aside">
        Already have an account? <Link to={paths.logIn.getHref()}>Log in</Link>
      </p>
      <p className="aside">
        Before you join: <Link to={paths.privacy.getHref()}>what Staffroom stores, and for how long</Link>.
      </p>
    </div>
  );
}
