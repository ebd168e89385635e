import { useState, type RefObject } from 'react';

/** A form's errors: one a field, and `form` for what concerns the whole form. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * The errors of a form whose fields are named `order` (in the order they appear), and where focus goes for each:
 * a field's control, or its fieldset (focus goes to its first input). `show` sets the errors found at sending and
 * focuses the first field in error.
 */
export function useFieldErrors<F extends string>(
  order: readonly F[],
  /** Where focus goes for a field's error (read only in event handlers). */
  refFor: (field: F) => RefObject<HTMLElement | null>,
) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});

  /** Drops a field's error as soon as it is edited. */
  const clear = (field: F) => {
    if (errors[field]) setErrors(({ [field]: _dropped, ...rest }) => rest as FieldErrors<F>);
  };

  /** Shows what was found and focuses the first field in error; true when there was one. */
  const show = (found: FieldErrors<F>): boolean => {
    setErrors(found);
    const first = order.find((f) => found[f]);
    if (!first) return false;
    const target = refFor(first).current;
    if (target instanceof HTMLFieldSetElement) target.querySelector('input')?.focus();
    else target?.focus();
    return true;
  };

  return { errors, setErrors, clear, show };
}
