import { GROUP_LIMITS } from '@staffroom/shared/limits';

/**
 * A group message longer than the server reads at all (4 × the length limit in code points as typed, before
 * normalising: the socket schema's bound) is stopped
 * in the browser. It must not hide risk: the crisis guard runs here on the whole text, and the part of it that
 * suggests risk is what the server is sent, marked `tooLong` (never posted), so that its own crisis check raises the
 * moderators' urgent item as it does for any over-long message.
 */
export const SENDABLE_CHARS = GROUP_LIMITS.messageMax * 4;
