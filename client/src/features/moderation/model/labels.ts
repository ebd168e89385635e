import type { AuditAction } from '@staffroom/shared/schemas/moderation';

/** How each audit action reads in the log, in the past tense ("who did what"). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'remove-message': 'Removed a message',
  mute: 'Muted a member',
  unmute: 'Unmuted a member',
  kick: 'Removed a member (kick)',
  ban: 'Banned from the group',
  unban: 'Lifted a group ban',
  'ban-global': 'Banned from Staffroom',
  'unban-global': 'Lifted a Staffroom ban',
  lock: 'Locked the group',
  unlock: 'Unlocked the group',
  'slow-mode': 'Changed slow mode',
  'blocked-terms': 'Changed blocked terms',
  'appoint-moderator': 'Appointed a moderator',
  'remove-moderator': 'Removed a moderator',
  'resolve-report': 'Resolved a report',
  'create-group': 'Created a group',
  'update-group': 'Edited a group',
  'schedule-meeting': 'Scheduled a session',
  'cancel-meeting': 'Cancelled a session',
  'create-invite': 'Created an invite',
  'revoke-invite': 'Revoked an invite',
  'reach-out': 'Reached out privately to a member',
  'rotate-join-code': 'Changed the join code',
  'coordinator-open': 'A coordinator who is not a member opened the group',
  'history-retention': 'Changed how long messages are kept',
  acknowledge: 'Acknowledged an at-risk alert',
  'care-card': 'Pinned or unpinned the card for peers',
  'hold-for-review': 'Changed hold for review',
  'release-held': 'Released a held message',
  'keep-held': 'Kept a held message hidden',
  'assign-consultant': 'Assigned a support request by hand',
  'crisis-contacts': 'Changed the crisis contacts',
};

/** Actions that change what members can do: shown with a warning tone in the log. */
export const SEVERE_ACTIONS: ReadonlySet<AuditAction> = new Set([
  'ban',
  'ban-global',
  'kick',
  'remove-message',
]);
