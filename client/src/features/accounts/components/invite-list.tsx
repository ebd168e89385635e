import { useId } from 'react';
import type { InviteInfo } from '@staffroom/shared/schemas/accounts';
import { Button } from '../../../components/button';
import { formatDate } from '../../../utils/format';
import { ROLE_TEXT } from '../roles';

export type InviteStatus = 'active' | 'used-up' | 'expired' | 'revoked';

const STATUS_TEXT: Record<InviteStatus, string> = {
  active: 'Active',
  'used-up': 'Used up',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function inviteStatus(invite: InviteInfo, now: number): InviteStatus {
  if (invite.revoked) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used-up';
  if (invite.expiresAt <= now) return 'expired';
  return 'active';
}

interface InviteItemProps {
  invite: InviteInfo;
  now: number;
  onRevoke: (invite: InviteInfo) => void;
}

function InviteItem({ invite, now, onRevoke }: InviteItemProps) {
  const id = useId();
  const status = inviteStatus(invite, now);
  return (
    <li className={`list__item invite invite--${status}`}>
      <div className="invite__main">
        <p className="invite__title" id={id}>
          {ROLE_TEXT[invite.role].name} invite
          {invite.note && <span className="invite__note"> “{invite.note}”</span>}
          <span className={`badge badge--${status}`}>{STATUS_TEXT[status]}</span>
        </p>
        <p className="invite__meta">
          Used {invite.uses} of {invite.maxUses} · {invite.expiresAt <= now ? 'Expired' : 'Expires'}{' '}
          {formatDate(invite.expiresAt)} · Created {formatDate(invite.createdAt)}
        </p>
      </div>
      {status === 'active' && (
        <Button variant="secondary" aria-describedby={id} onClick={() => onRevoke(invite)}>
          Revoke
        </Button>
      )}
    </li>
  );
}

/** Every invite, newest first, with its uses, expiry and status. */
export function InviteList({
  invites,
  now,
  onRevoke,
}: { invites: readonly InviteInfo[] } & Omit<InviteItemProps, 'invite'>) {
  if (invites.length === 0) return <p className="empty">No invites yet. Create one above.</p>;
  return (
    <ul className="list">
      {invites.map((invite) => (
        <InviteItem key={invite.id} invite={invite} now={now} onRevoke={onRevoke} />
      ))}
    </ul>
  );
}
