import { useState, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { useFocusBack } from '../../../lib/use-focus-back';

/**
 * A side panel's button ("Add a goal", "Propose a check-in", "Share a link or document") that a form replaces while
 * it is open; `children(close)` renders the form, and closing it (saved or cancelled) puts the focus back on the
 * button.
 */
export function FormBehindButton({
  label,
  children,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [button, focusButton] = useFocusBack<HTMLButtonElement>();
  const close = () => {
    setOpen(false);
    focusButton();
  };
  if (open) return children(close);
  return (
    <button ref={button} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
      {label}
    </button>
  );
}

/**
 * The buttons of a form in a conversation's side panels (`usePanelForm`): the one that sends, saying `busyLabel`
 * while it does, and Cancel, which closes the form.
 */
export function PanelFormActions({
  busy,
  busyLabel,
  onCancel,
  children,
}: {
  busy: boolean;
  busyLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div className="goal-form__actions">
      <Button type="submit" busy={busy} busyLabel={busyLabel}>
        {children}
      </Button>
      <Button variant="quiet" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
