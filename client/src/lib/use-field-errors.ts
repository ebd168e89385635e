import { useState } from 'react';

/** A form's errors: one a field, and `form` for what concerns the whole form. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * The errors of a form whose fields are named `order` (in the order they appear), and where focus goes for each:
 * the element given `focusRef(field)` as its ref, a field's control or its fieldset (focus goes to its first input).
 * `show` sets the errors found at sending and focuses the first field in error.
 */
export function useFieldErrors<F extends string>(order: readonly F[]) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  // Where focus goes for each field, and one stable callback ref a field (a new one each render would detach and
  // attach it again). State, not refs: both maps are made once and only read in event handlers.
  const [targets] = useState(() => new Map<F, HTMLElement>());
  const [callbacks] = useState(() => new Map<F, (element: HTMLElement | null) => void>());

  /** The ref for a field's control or fieldset: where focus goes when the field is in error. */
  const focusRef = (field: F) => {
    let callback = callbacks.get(field);
    if (!callback) {
      callback = (element) => {
        if (element) targets.set(field, element);
        else targets.delete(field);
      };
      callbacks.set(field, callback);
    }
    return callback;
  };

  /** Drops a field's error as soon as it is edited. */
  const clear = (field: F) => {
    if (errors[field]) setErrors(({ [field]: _dropped, ...rest }) => rest as FieldErrors<F>);
  };

  /** Shows what was found and focuses the first field in error; true when there was one. */
  const show = (found: FieldErrors<F>): boolean => {
    setErrors(found);
    const first = order.find((f) => found[f]);
    if (!first) return false;
    const target = targets.get(first);
    if (target instanceof HTMLFieldSetElement) target.querySelector('input')?.focus();
    else target?.focus();
    return true;
  };

  return { errors, setErrors, clear, show, focusRef };
}
