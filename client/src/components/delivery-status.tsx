import type { ReactNode } from 'react';
import './delivery-status.css';

/**
 * How the line is drawn: on its way (a waiting dot), delivered (a green dot), a problem the writer must act on
 * (in red, bold), or held for a moderator's review (in amber, a waiting dot).
 */
export type DeliveryTone = 'waiting' | 'sent' | 'problem' | 'held';

/** Where a message of mine stands: a coloured dot (not announced) and the words, which carry the meaning. */
export function DeliveryStatus({
  tone,
  role,
  className,
  children,
}: {
  tone: DeliveryTone;
  /** `alert` where the words must be announced at once (a message not sent). */
  role?: 'alert';
  /** The place's own spacing, e.g. `cmsg__status` in a conversation bubble. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <p className={`delivery-status delivery-status--${tone}${className ? ` ${className}` : ''}`} role={role}>
      <span className="delivery-status__dot" aria-hidden="true" />
      {children}
    </p>
  );
}
