import type { Ref } from 'react';
import { Field, type FieldProps } from './field';

/** One choice of a select: the value the form keeps (a number stays a number) and the text shown. */
export interface SelectOption<V extends string | number> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string | number> extends Pick<
  FieldProps,
  'label' | 'hint' | 'error' | 'optional' | 'addon'
> {
  /** The form field's name, as the server and the end-to-end tests know it. */
  name?: string;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  /** `input select` keeps a short list narrow; `input` lets it take the row. */
  className?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

/** The option whose value the DOM reports as `raw` (always a string), so a numeric choice comes back a number. */
export function chosenOption<V extends string | number>(
  options: readonly SelectOption<V>[],
  raw: string,
): V | undefined {
  return options.find((o) => String(o.value) === raw)?.value;
}

/**
 * A labelled drop-down list: the `Field` wiring (label for the select's id, hint and error in its
 * `aria-describedby`, `aria-invalid` after an error) around a native `<select>`, so every list is announced alike.
 */
export function SelectField<V extends string | number>({
  name,
  value,
  options,
  onChange,
  className = 'input select',
  selectRef,
  ...field
}: SelectFieldProps<V>) {
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...control}
          ref={selectRef}
          className={className}
          name={name}
          value={value}
          onChange={(e) => {
            const chosen = chosenOption(options, e.target.value);
            if (chosen !== undefined) onChange(chosen);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
