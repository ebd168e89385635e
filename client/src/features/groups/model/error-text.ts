import type { FindingKind } from '@staffroom/shared/guards/privacy';
import type { ErrorInfo } from '@staffroom/shared/protocol/errors';
import { GROUP_LIMITS } from '@staffroom/shared/limits';
import { formatUntil, formatWait } from '../../../utils/format';

const MAX = GROUP_LIMITS.messageMax.toLocaleString();

/**
 * Why a message was not posted, in words. Rate limits and slow mode count down from `retryAt`; the outbox
 * retries those by itself when the wait is over.
 */
export function sendErrorText(error: ErrorInfo, now: number, retryAt?: number): string {
  const wait = retryAt !== undefined ? formatWait(Math.max(0, retryAt - now)) : null;
  switch (error.code) {
    case 'MUTED':
      return error.until
        ? `A moderator has muted you in this group ${formatUntil(error.until)}. You can still read.`
        : 'A moderator has muted you in this group for now. You can still read.';
    case 'GROUP_LOCKED':
      return 'A moderator has locked this group: everyone can read, nobody can post for now.';
    case 'SLOW_MODE':
      return wait
        ? `Slow mode is on in this group. Sending in ${wait}.`
        : 'Slow mode is on in this group. Wait a moment before your next message.';
    case 'RATE_LIMITED':
      return wait ? `You are sending very fast. Sending in ${wait}.` : 'You are sending very fast.';
    case 'MESSAGE_TOO_LONG':
      return `This message is longer than ${MAX} characters. Shorten it, or split it in two.`;
    case 'MESSAGE_EMPTY':
      return 'Nothing is left to send once formatting is removed. Write some text.';
    case 'BLOCKED_TERM':
      return 'This message contains a word this group does not allow. Edit it and try again.';
    case 'PRIVACY_CONFIRM_REQUIRED':
      return 'This may identify you or someone else.';
    case 'BANNED':
      return 'You can no longer post in this group.';
    case 'NOT_FOUND':
    case 'FORBIDDEN':
      return 'This group is no longer available to you.';
    case 'UNAVAILABLE':
      return 'Staffroom cannot be reached. It will be sent when the connection is back.';
    default:
      return error.message || 'Something went wrong. Try again.';
  }
}

/** Codes where sending the same text again cannot work: offer "Edit" rather than "Try again". */
export function needsEdit(error: ErrorInfo): boolean {
  return error.code === 'MESSAGE_TOO_LONG' || error.code === 'MESSAGE_EMPTY' || error.code === 'BLOCKED_TERM';
}

/** Each kind of finding in words (every kind: the server may send any). */
const FINDING_TEXT: Record<FindingKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  address: 'a street address',
  'profile-url': 'a link to a profile',
  'full-name': 'a full name',
  school: 'a school or district name',
  'id-number': 'an ID number',
  'date-of-birth': 'a date of birth',
  vehicle: 'a number plate',
};

/** What the privacy guard found, as a short list for the "send anyway?" question. */
export function findingsText(error: ErrorInfo): string[] {
  const text: Record<string, string> = FINDING_TEXT;
  return (error.findings ?? []).map((f) => `${text[f.kind] ?? f.kind}: “${f.match}”`);
}
