import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import '../../../components/confirm-dialog.css';

export const REASON_MIN = 3;
export const REASON_MAX = 300;

export interface ActionDialogProps {
  title: string;
  /** What will happen, read with the title when the dialog opens. */
  description: ReactNode;
  /** A strong warning above the fields (a ban from all of Staffroom). */
  warning?: ReactNode;
  /** Extra fields (how long), controlled by the caller. */
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  tone?: 'danger' | 'primary';
  /** Ask for a reason, recorded in the audit log (every destructive action). Default: true. */
  askReason?: boolean;
  reasonHint?: string;
  /** The caller's own checks before anything is sent: an error to show, or null. */
  validate?: () => string | null;
  /** Does the action; throw to keep the dialog open with the error shown. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
  /** Where focus goes on close when the button that opened the dialog is gone (its row was removed). */
  fallbackFocus?: () => HTMLElement | null;
  /** Where focus goes after the action succeeded, when not back to the opener (which is about to go). */
  focusAfterSuccess?: () => HTMLElement | null;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes to the first, Shift+Tab from the first to the last: a modal `<dialog>` makes
 * the page behind it inert, but browsers would otherwise let focus leave for their own toolbar.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      !el.hasAttribute('disabled') &&
      el.getClientRects().length > 0 &&
      // Only a group's checked radio is in the tab order.
      !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

const DEFAULT_HINT =
  'Recorded in the audit log, which this group’s moderators and the coordinators can read.';

/**
 * A moderator's action, confirmed: what will happen, the reason (at least 3 characters) and a last button
 * that says what it does. The native modal `<dialog>` keeps focus inside and closes on Escape; focus starts on
 * the first field and returns to the opener (or to `fallbackFocus`) on close. Render it to open it.
 */
export function ActionDialog({
  title,
  description,
  warning,
  children,
  confirmLabel,
  busyLabel = 'Working…',
  tone = 'danger',
  askReason = true,
  reasonHint = DEFAULT_HINT,
  validate,
  onConfirm,
  onClose,
  fallbackFocus,
  focusAfterSuccess,
}: ActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focusTargets = useRef({ fallbackFocus, focusAfterSuccess, succeeded: false });
  useLayoutEffect(() => {
    focusTargets.current.fallbackFocus = fallbackFocus;
    focusTargets.current.focusAfterSuccess = focusAfterSuccess;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // One object for the dialog's life; its fields are kept current by the effect above.
    const targets = focusTargets.current;
    dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input:checked, input, textarea, select');
    first?.focus();
    return () => {
      dialog.close();
      // After the commit: the opener may have gone with its row (a resolved report, a banned member).
      setTimeout(() => {
        const after = targets.succeeded ? targets.focusAfterSuccess?.() : null;
        if (after) after.focus();
        else if (opener?.isConnected) opener.focus();
        else targets.fallbackFocus?.()?.focus();
      }, 0);
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    const reasonProblem =
      askReason && trimmed.length < REASON_MIN
        ? `Give a reason of at least ${REASON_MIN} characters: it is kept in the audit log.`
        : null;
    const otherProblem = validate?.() ?? null;
    setReasonError(reasonProblem);
    setError(otherProblem);
    if (reasonProblem || otherProblem) return;
    setBusy(true);
    try {
      await onConfirm(trimmed);
      focusTargets.current.succeeded = true;
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That did not work. Try again.');
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog mod-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onKeyDown={keepFocusInside}
    >
      <form className="form mod-dialog__form" noValidate onSubmit={(e) => void submit(e)}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div id={bodyId} className="dialog__body">
          {description}
        </div>
        {warning && <div className="mod-warning">{warning}</div>}
        {children}
        {askReason && (
          <Field label="Reason" hint={reasonHint} error={reasonError}>
            {(control) => (
              <textarea
                {...control}
                className="input mod-dialog__reason"
                name="reason"
                rows={2}
                maxLength={REASON_MAX}
                required
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (reasonError) setReasonError(null);
                }}
              />
            )}
          </Field>
        )}
        {error && <Alert title="Not done">{error}</Alert>}
        <div className="dialog__actions">
          <Button variant="secondary" onClick={() => !busy && onClose()}>
            Cancel
          </Button>
          <Button type="submit" variant={tone} busy={busy} busyLabel={busyLabel}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
