import { useCallback, useRef, useState, type FormEvent } from 'react';
import { PULSE_ITEMS, type Band, type PulseBody, type PulseItemId } from '@staffroom/shared/schemas/wellness';
import { Button } from '../../../components/button';

/**
 * The one-minute pulse: every question can be left unanswered (or cleared after a change of mind), the whole
 * pulse can be skipped, and the first-year question is optional.
 */
export function PulseForm({
  busy,
  onSubmit,
  onSkipWeek,
  focusFirst = false,
}: {
  busy: boolean;
  onSubmit: (body: PulseBody) => void;
  onSkipWeek: () => void;
  /** Put the focus on the first answer when the form appears (it replaced the button that opened it). */
  focusFirst?: boolean;
}) {
  const [answers, setAnswers] = useState<Partial<Record<PulseItemId, number>>>({});
  const [band, setBand] = useState<Band | ''>('');
  const focused = useRef(false);
  const firstAnswer = useCallback(
    (input: HTMLInputElement | null) => {
      if (!input || !focusFirst || focused.current) return;
      focused.current = true;
      input.focus();
    },
    [focusFirst],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ answers, ...(band ? { band } : {}) });
  };

  return (
    <form className="pulse-form" onSubmit={submit} aria-describedby="pulse-intro">
      <p id="pulse-intro">
        Six short questions about this week. Answer any, skip any: nothing is required. Your answers count
        only as part of weekly totals of at least five teachers, and your own copy is sealed so only you can
        read it.
      </p>
      {PULSE_ITEMS.map((item, index) => (
        <fieldset key={item.id}>
          <legend>
            {index + 1}. {item.question}
          </legend>
          <div className="pulse-form__options">
            {item.labels.map((label, i) => (
              <label key={label}>
                <input
                  ref={index === 0 && i === 0 ? firstAnswer : undefined}
                  type="radio"
                  name={`pulse-${item.id}`}
                  value={i + 1}
                  checked={answers[item.id] === i + 1}
                  onChange={() => setAnswers((a) => ({ ...a, [item.id]: i + 1 }))}
                />
                {label}
              </label>
            ))}
          </div>
          {answers[item.id] !== undefined && (
            <Button
              variant="quiet"
              onClick={(e) => {
                // The button goes with the answer: the focus stays in the question, on its first option.
                e.currentTarget.closest('fieldset')?.querySelector('input')?.focus();
                setAnswers((a) => {
                  const { [item.id]: _dropped, ...rest } = a;
                  return rest;
                });
              }}
            >
              Skip this question
            </Button>
          )}
        </fieldset>
      ))}
      <fieldset>
        <legend>Optional: is this your first year of teaching?</legend>
        <div className="pulse-form__options">
          {(
            [
              ['first-year', 'Yes, my first year'],
              ['other', 'No'],
              ['', 'I’d rather not say'],
            ] as const
          ).map(([value, label]) => (
            <label key={label}>
              <input
                type="radio"
                name="pulse-band"
                value={value}
                checked={band === value}
                onChange={() => setBand(value)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="pulse-form__actions">
        <Button type="submit" busy={busy} busyLabel="Sending…">
          Send my pulse
        </Button>
        <Button variant="secondary" onClick={onSkipWeek}>
          Skip this week
        </Button>
      </div>
    </form>
  );
}
