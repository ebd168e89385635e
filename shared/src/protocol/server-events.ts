import { z } from 'zod';
import { MemberView } from '../schemas/groups.js';
import { Message, ReactionKind } from '../schemas/messages.js';
import { CareMessage, ModerationSettings, ReportStatus } from '../schemas/moderation.js';
import { SealedMessage } from '../schemas/consultations.js';
import { GroupRetention } from '../schemas/retention.js';

/** Why the server ended a session or connection; the client shows a matching message. */
export const SessionEndReason = z.enum([
  'logged-out',
  'logged-out-everywhere',
  'revoked',
  'expired',
  'passphrase-changed',
  'account-erased',
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Why this account no longer receives a group. */
export const GroupRemovedReason = z.enum(['left', 'kicked', 'banned']);
export type GroupRemovedReason = z.infer<typeof GroupRemovedReason>;

/** Server → client events and their payloads. */
export const serverEvents = {
  /** This session was ended (logout elsewhere, revoked from settings, expiry): the socket closes next. */
  'session:ended': z.object({ reason: SessionEndReason }),
  /** This node is shutting down: reconnect (the client does so by itself; this is for the status line). */
  'server:draining': z.object({}),
  /** A new message in an open group. Seqs may arrive out of order across nodes: order by `seq`. */
  'message:new': Message,
  /**
   * Several new messages of one group at once, in the order `message:new` would have brought them (since
   * protocol 2: a node under load writes what arrived in one turn of its event loop, or in a slice of one, as one
   * frame). Handle each as a `message:new`, in array order.
   */
  'message:batch': z.object({ groupId: z.string(), messages: z.array(Message) }),
  /** The count of one reaction on one message changed. */
  'reaction:update': z.object({
    groupId: z.string(),
    seq: z.number(),
    kind: ReactionKind,
    count: z.number(),
  }),
  /** Who has the group open right now. */
  'presence:update': z.object({ groupId: z.string(), present: z.array(MemberView) }),
  /** Someone started typing (show it for a few seconds). */
  typing: z.object({ groupId: z.string(), member: MemberView }),
  /**
   * Live delivery may have dropped events (this node's link to the bus was down): reopen every open group as after
   * a reconnect (`group:open` with `since` and `from`), which brings what came after `lastSeq`, the removals among
   * what is shown, and the posting state. Redis pub/sub is at-most-once; the stream is the record.
   */
  'groups:resync': z.object({}),
  /** A message was removed: show the tombstone instead. */
  'message:removed': z.object({ groupId: z.string(), seq: z.number(), by: z.enum(['moderator', 'author']) }),
  /** The group's lock or slow mode changed. */
  'group:moderation': z.object({
    groupId: z.string(),
    locked: ModerationSettings.shape.locked,
    slowSeconds: ModerationSettings.shape.slowSeconds,
    /** The "how to respond to a colleague in distress" card is pinned (absent: unchanged, from older nodes). */
    careCard: z.boolean().optional(),
  }),
  /** Yours only: a moderator released your held message to the group (its seq), or kept it hidden. */
  'message:held': z.object({
    groupId: z.string(),
    clientId: z.string(),
    outcome: z.enum(['released', 'kept']),
    seq: z.number().nullable(),
  }),
  /** Something a moderator did to you (private). */
  'moderation:notice': z.object({
    groupId: z.string().nullable(),
    kind: z.enum(['muted', 'unmuted', 'kicked', 'banned']),
    until: z.number().nullable(),
    reason: z.string(),
  }),
  /** A private message to you from a group's moderation team (until you read it, `care:inbox` has it too). */
  'care:message': CareMessage,
  /**
   * Coordinators (admins): an urgent crisis alert waited longer than `CRISIS_ESCALATE_MINUTES` without a
   * moderator acknowledging it. Sent once per alert, by one node.
   */
  'mod:escalated': z.object({
    reportId: z.string(),
    groupId: z.string(),
    groupName: z.string(),
    since: z.number(),
  }),
  /** One of your reports changed status. */
  'report:updated': z.object({ id: z.string(), status: ReportStatus }),
  /** Moderators: the report queue changed (urgent: a crisis item arrived). */
  'mod:queue-changed': z.object({ groupId: z.string(), urgent: z.boolean() }),
  /** A sealed message in an open conversation. */
  'convo:message': SealedMessage,
  /** A conversation's state changed (goals, check-ins, closing): fetch it again with `convo:open`. */
  'convo:changed': z.object({ conversationId: z.string() }),
  /** Your support request changed status (offered, matched…). */
  'support:request': z.object({}),
  /** Consultants: your offers changed. */
  'support:offers': z.object({}),
  /** This account no longer receives the group (on every tab). */
  'group:removed': z.object({ groupId: z.string(), reason: GroupRemovedReason }),
  /** The group's moderators changed how long its messages are kept (to everyone with the group open). */
  'group:retention': GroupRetention.extend({ groupId: z.string() }),
} as const satisfies Record<string, z.ZodType>;

export type ServerEventName = keyof typeof serverEvents;
export type ServerPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]>;
