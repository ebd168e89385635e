import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ErrorCode } from '@staffroom/shared/protocol/errors';
import { request } from '../../../lib/realtime';

/** A refused moderation event: the server's code, and its message, which is written to be shown. */
export class ModerationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModerationError';
  }
}

/** Emits a moderation event and returns its data, or throws a `ModerationError` with words a person can read. */
async function call<E extends ClientEventName>(
  event: E,
  payload: ClientPayload<E>,
): Promise<ClientResult<E>> {
  const ack = await request(event, payload);
  if (ack.ok) return ack.data;
  throw new ModerationError(ack.error.code, ack.error.message);
}

export type ResolvePayload = ClientPayload<'mod:resolve'>;
export type AuditQuery = ClientPayload<'mod:audit'>;
export type SettingsPatch = Omit<ClientPayload<'mod:settings'>, 'groupId' | 'reason'>;

/**
 * Every call the moderator console makes, over the socket (`shared/src/protocol/client-events.ts`). The server
 * checks on each one that the caller moderates the group (admins: every group).
 */
export const moderationApi = {
  groups: () => call('mod:groups', {}).then((r) => r.groups),
  queue: () => call('mod:queue', {}).then((r) => r.items),
  resolve: (payload: ResolvePayload) => call('mod:resolve', payload),
  members: (groupId: string) => call('mod:members', { groupId }),
  mute: (groupId: string, tag: string, minutes: number, reason: string) =>
    call('mod:mute', { groupId, tag, minutes, reason }),
  unmute: (groupId: string, tag: string) => call('mod:unmute', { groupId, tag }),
  kick: (groupId: string, tag: string, reason: string) => call('mod:kick', { groupId, tag, reason }),
  ban: (groupId: string, tag: string, minutes: number | null, reason: string, global = false) =>
    call('mod:ban', { groupId, tag, minutes, reason, global }),
  /** Coordinators: a Staffroom-wide ban of an account by its pseudonym (one in no group the console lists). */
  banAccount: (pseudonym: string, minutes: number | null, reason: string) =>
    call('mod:ban-account', { pseudonym, minutes, reason }),
  unban: (banId: string, reason: string) => call('mod:unban', { banId, reason }),
  settings: (groupId: string, patch: SettingsPatch, reason: string) =>
    call('mod:settings', { groupId, ...patch, reason }),
  rotateJoinCode: (groupId: string, reason: string) =>
    call('mod:join-code', { groupId, reason }).then((r) => r.joinCode),
  setModerator: (groupId: string, tag: string, on: boolean) => call('mod:moderator', { groupId, tag, on }),
  /** Coordinators: accounts invited as moderators (by pseudonym) and the group's moderators who have not joined. */
  candidates: (groupId: string) => call('mod:candidates', { groupId }),
  /** Coordinators: appoint (or remove) an account invited as a moderator by pseudonym, joined or not. */
  appoint: (groupId: string, pseudonym: string, on: boolean) =>
    call('mod:appoint', { groupId, pseudonym, on }),
  audit: (query: AuditQuery) => call('mod:audit', query),
  reachOut: (reportId: string, text: string) => call('mod:reach-out', { reportId, text }),
  acknowledge: (reportId: string) => call('mod:acknowledge', { reportId }),
  held: (reportId: string, decision: 'release' | 'keep') => call('mod:held', { reportId, decision }),
  careInbox: () => call('care:inbox', {}).then((r) => r.messages),
  careRead: (id: string) => call('care:read', { id }),
};
