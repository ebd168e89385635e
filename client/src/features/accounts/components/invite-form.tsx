import { useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '@staffroom/shared/limits';
import type { CreateInviteBody, Role } from '@staffroom/shared/schemas/accounts';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { SelectField } from '../../../components/select-field';
import { ROLE_ORDER, ROLE_TEXT } from '../roles';

type Errors = Partial<Record<'maxUses' | 'expiresInDays' | 'form', string>>;

function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

export interface InviteFormProps {
  onCreate: (body: CreateInviteBody) => Promise<void>;
}

/** Role, number of uses, days until it expires and an optional private note. */
export function InviteForm({ onCreate }: InviteFormProps) {
  const [role, setRole] = useState<Role>('member');
  const [maxUses, setMaxUses] = useState('1');
  const [days, setDays] = useState('7');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const usesInput = useRef<HTMLInputElement>(null);
  const daysInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const uses = wholeNumber(maxUses, 1, LIMITS.inviteMaxUses);
    const expiresInDays = wholeNumber(days, 1, LIMITS.inviteMaxDays);
    const found: Errors = {
      ...(uses === null ? { maxUses: `Enter a whole number from 1 to ${LIMITS.inviteMaxUses}.` } : {}),
      ...(expiresInDays === null
        ? { expiresInDays: `Enter a whole number of days from 1 to ${LIMITS.inviteMaxDays}.` }
        : {}),
    };
    setErrors(found);
    if (uses === null) return usesInput.current?.focus();
    if (expiresInDays === null) return daysInput.current?.focus();
    setBusy(true);
    try {
      await onCreate({ role, maxUses: uses, expiresInDays, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
    } catch (err) {
      const message = err instanceof Error ? err.message : 'The invite could not be created.';
      setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {errors.form && <Alert title="No invite was created">{errors.form}</Alert>}
      <SelectField
        label="Role"
        hint={ROLE_TEXT[role].grants}
        name="role"
        value={role}
        options={ROLE_ORDER.map((r) => ({ value: r, label: ROLE_TEXT[r].name }))}
        onChange={setRole}
      />
      <div className="form__row">
        <Field label="Number of uses" hint="How many people can join with this code." error={errors.maxUses}>
          {(control) => (
            <input
              {...control}
              ref={usesInput}
              className="input input--short"
              name="maxUses"
              inputMode="numeric"
              value={maxUses}
              onChange={(e) => setMaxUses(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Expires after (days)"
          hint="The code stops working after this."
          error={errors.expiresInDays}
        >
          {(control) => (
            <input
              {...control}
              ref={daysInput}
              className="input input--short"
              name="expiresInDays"
              inputMode="numeric"
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        label="Note"
        optional
        hint="A reminder for coordinators, like “spring workshop”. Do not write anyone’s name."
      >
        {(control) => (
          <input
            {...control}
            className="input"
            name="note"
            autoComplete="off"
            maxLength={80}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" busy={busy} busyLabel="Creating…">
        Create invite
      </Button>
    </form>
  );
}
