import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './confirm-dialog.css';

export interface ModalProps {
  title: string;
  /** Read with the title when the dialog opens (`aria-describedby`). */
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons at the bottom; mark the safest one `data-autofocus` (React's `autoFocus` fires too early). */
  actions: ReactNode;
  /** Escape, or the caller's own "Cancel"/"Close". */
  onClose: () => void;
  /** `alertdialog` for a question that interrupts (privacy warning). */
  role?: 'dialog' | 'alertdialog';
  /** Room for a long body (the safety code, goals). */
  wide?: boolean;
}

/**
 * A modal: render it to open, unmount it to close. The native `<dialog>` traps focus and handles Escape; focus
 * goes to the element marked `data-autofocus` (else the title) and back to the opener on close.
 */
export function Modal({ title, description, children, actions, onClose, role = 'dialog', wide }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The marked control, else the title: a long dialog then opens at its top, not scrolled to its last button.
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
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
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
