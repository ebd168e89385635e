import { useEffect, useId, useRef } from 'react';
import type { CreatedInvite } from '@staffroom/shared/schemas/accounts';
import { Button } from '../../../components/button';
import { CopyButton } from '../../../components/copy-button';
import { Field } from '../../../components/field';
import { paths } from '../../../config/paths';
import { formatDate } from '../../../utils/format';
import { ROLE_TEXT } from '../roles';

/** The new code, shown this once (the server keeps only its hash), ready to copy. Takes focus when it appears. */
export function CreatedInvitePanel({ invite, onDone }: { invite: CreatedInvite; onDone: () => void }) {
  const titleId = useId();
  const codeInput = useRef<HTMLInputElement>(null);
  const link = `${location.origin}${paths.signUp.getHref(invite.code)}`;

  useEffect(() => {
    codeInput.current?.focus();
    codeInput.current?.select();
  }, [invite.code]);

  return (
    <section className="panel panel--success created" aria-labelledby={titleId}>
      <h3 id={titleId} className="created__title">
        New invite code
      </h3>
      <Field
        label="Invite code"
        hint="Copy it now: it is shown only this once. Staffroom keeps only a scrambled form of it, so it cannot show it again."
        addon={<CopyButton text={invite.code} label="Copy code" />}
      >
        {(control) => (
          <input
            {...control}
            ref={codeInput}
            className="input input--code"
            readOnly
            value={invite.code}
            onFocus={(e) => e.target.select()}
          />
        )}
      </Field>
      <Field
        label="Sign-up link"
        hint="Opens the sign-up page with the code already filled in."
        addon={<CopyButton text={link} label="Copy link" />}
      >
        {(control) => (
          <input {...control} className="input" readOnly value={link} onFocus={(e) => e.target.select()} />
        )}
      </Field>
      <p className="created__meta">
        {ROLE_TEXT[invite.role].name} · {invite.maxUses === 1 ? 'one use' : `${invite.maxUses} uses`} ·
        expires {formatDate(invite.expiresAt)}
        {invite.note && <> · “{invite.note}”</>}
      </p>
      <Button variant="secondary" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
