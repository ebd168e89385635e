import type { ConversationSummary } from '@staffroom/shared/schemas/consultations';

const TEXT: Record<ConversationSummary['status'], string> = {
  active: 'Active',
  closing: 'Ending',
  closed: 'Ended',
};

export function ConversationBadge({ status }: { status: ConversationSummary['status'] }) {
  return <span className={`badge support-badge support-badge--${status}`}>{TEXT[status]}</span>;
}
