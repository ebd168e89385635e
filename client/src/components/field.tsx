import { useId, type ReactNode } from 'react';
import './field.css';

/** The attributes a field's control must spread so its label, hint, feedback and error are announced. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

export interface FieldFeedback {
  text: string;
  tone: 'neutral' | 'ok' | 'warn';
}

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** Live guidance while typing (rule checks, strength), announced politely when it changes. */
  feedback?: FieldFeedback | null;
  /** The error after a submit: announced at once and marks the control invalid. */
  error?: string | null;
  optional?: boolean;
  /** Extra content beside the control, e.g. a show/hide button. */
  addon?: ReactNode;
  /** Extra content under the control, e.g. a strength meter. */
  below?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled form field. The label is a real `<label for>`; hint, error and feedback are tied to the control
 * with `aria-describedby` so a screen reader reads them with the field.
 */
export function Field({ label, hint, feedback, error, optional, addon, below, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const feedbackId = `${id}-feedback`;
  const describedBy = [hint ? hintId : null, error ? errorId : null, feedback ? feedbackId : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="field__control">
        {children({
          id,
          'aria-describedby': describedBy || undefined,
          'aria-invalid': error ? true : undefined,
        })}
        {addon}
      </div>
      {below}
      {/* Always rendered, so the live region exists before its text changes. */}
      <p
        id={feedbackId}
        className={`field__feedback field__feedback--${feedback?.tone ?? 'neutral'}`}
        role="status"
        aria-live="polite"
        hidden={!feedback}
      >
        {feedback?.text}
      </p>
    </div>
  );
}
