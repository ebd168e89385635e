import { useState, type ReactNode, type Ref } from 'react';
import { LIMITS } from '@staffroom/shared/limits';
import { Button } from '../../../components/button';
import { Field, type FieldFeedback } from '../../../components/field';

export interface PassphraseFieldProps {
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'new-password' | 'current-password';
  error?: string | null;
  hint?: ReactNode;
  feedback?: FieldFeedback | null;
  below?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
  /** Defaults to "Passphrase" / `passphrase`; the change-passphrase form has two of them. */
  label?: string;
  name?: string;
}

/** A passphrase input with a show/hide button, so people can check a long sentence before sending it. */
export function PassphraseField({
  value,
  onChange,
  autoComplete,
  inputRef,
  label = 'Passphrase',
  name = 'passphrase',
  ...field
}: PassphraseFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <Field
      label={label}
      {...field}
      addon={
        <Button
          variant="quiet"
          className="reveal"
          aria-label={`${shown ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
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
          name={name}
          autoComplete={autoComplete}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={LIMITS.passphraseMax * 2}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
