import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import '../../../components/confirm-dialog.css';

export interface DialogProps {
  title: string;
  /** Read with the title when the dialog opens (`aria-describedby`). */
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons at the bottom; mark the safest one `data-autofocus`. */
  actions: ReactNode;
  /** Escape, or the caller's own "Cancel"/"Close". */
  onClose: () => void;
  wide?: boolean;
}

/**
 * A modal: render it to open, unmount it to close. The native `<dialog>` traps focus and handles Escape; focus
 * goes to the element marked `data-autofocus` (else the title) and back to the opener on close.
 */
export function Dialog({ title, description, children, actions, onClose, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('h2');
    first?.focus();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={description ? bodyId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title" tabIndex={-1}>
        {title}
      </h2>
      <div className="dialog__body">
        {description && <div id={bodyId}>{description}</div>}
        {children}
      </div>
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
