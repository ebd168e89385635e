import { useId, type ReactNode, type Ref } from 'react';

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

/** The options for `values`, each labelled from `labels`, or by the value itself (grades). */
export const optionsOf = <T extends string>(
  values: readonly T[],
  labels?: Readonly<Record<T, string>>,
): ChoiceOption<T>[] => values.map((value) => ({ value, label: labels ? labels[value] : value }));

interface BaseProps<T extends string> {
  legend: string;
  hint?: ReactNode;
  error?: string | null;
  options: readonly ChoiceOption<T>[];
  name: string;
  optional?: boolean;
  /**
   * An answer is needed (the form says so in a note). A radio group is a `radiogroup` marked `aria-required`;
   * checkboxes cannot be (it would ask for every one), so their group's name says "(required)" instead.
   */
  required?: boolean;
  /** The fieldset, so a form can move focus to its first control after an error. */
  groupRef?: Ref<HTMLFieldSetElement>;
  /** Smaller pills for long lists (grades). */
  compact?: boolean;
}

type Props<T extends string> = BaseProps<T> &
  (
    | { multiple: true; value: readonly T[]; onChange: (next: T[]) => void }
    | { multiple?: false; value: T | null; onChange: (next: T) => void }
  );

/**
 * A labelled group of checkboxes (`multiple`) or radio buttons, shown as pills. Real inputs inside real labels:
 * the legend names the group, the hint and error are read with it, and the keyboard works as usual.
 */
export function ChoiceGroup<T extends string>(props: Props<T>) {
  const { legend, hint, error, options, name, optional, required, groupRef, compact } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const isChecked = (v: T) => (props.multiple ? props.value.includes(v) : props.value === v);
  const toggle = (v: T) => {
    if (props.multiple) {
      const next = props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v];
      props.onChange(options.map((o) => o.value).filter((x) => next.includes(x)));
    } else {
      props.onChange(v);
    }
  };
  return (
    <fieldset
      ref={groupRef}
      className={error ? 'picks picks--invalid' : 'picks'}
      aria-describedby={describedBy}
      {...(required && !props.multiple ? { role: 'radiogroup', 'aria-required': true } : {})}
    >
      <legend className="field__label">
        {legend}
        {optional && <span className="field__optional"> (optional)</span>}
        {required && props.multiple && <span className="visually-hidden"> (required)</span>}
      </legend>
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
      <div className={compact ? 'picks__list picks__list--compact' : 'picks__list'}>
        {options.map((o) => (
          <label key={o.value} className="pick">
            <input
              type={props.multiple ? 'checkbox' : 'radio'}
              name={name}
              value={o.value}
              checked={isChecked(o.value)}
              onChange={() => toggle(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
