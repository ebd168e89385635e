import type { ReactNode } from 'react';
import { Button } from '../../../components/button';

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
