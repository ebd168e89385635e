import { z } from 'zod';
import { Me } from '../schemas/accounts.js';
import { GroupDetail, Id, MemberView } from '../schemas/groups.js';
import {
  HeldMessage,
  Message,
  ReactionCounts,
  ReactionKind,
  SendMessage,
  Seq,
  SupportResource,
} from '../schemas/messages.js';
import { GROUP_LIMITS } from '../limits.js';
import {
  AuditEntry,
  CareMessage,
  BanRow,
  MemberRow,
  ModerationSettings,
  MyReport,
  QueueItem,
  ReportNote,
  ReportReason,
  moderationPayloads as mp,
} from '../schemas/moderation.js';
import {
  CheckIn,
  ConversationView,
  PassOnNoteBody,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealedV2,
  SessionType,
} from '../schemas/consultations.js';
import { GroupRetention, retentionPayloads as rp } from '../schemas/retention.js';

/** An event the client emits: the payload the server validates, and the data of a successful ack. */
export interface ClientEventSpec {
  payload: z.ZodType;
  result: z.ZodType;
}

const GroupRef = z.strictObject({ groupId: Id });
const Empty = z.object({});
/** Messages that no longer exist in history (trimmed by the retention cap): reported, never skipped silently. */
export const HistoryGap = z.object({ from: z.number(), to: z.number() });
export type HistoryGap = z.infer<typeof HistoryGap>;

export const HistoryPage = z.object({
  messages: z.array(Message),
  /** True when more messages exist beyond this page in the direction asked. */
  more: z.boolean(),
  gap: HistoryGap.nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const OpenedGroup = HistoryPage.extend({
  me: MemberView,
  latestSeq: z.number(),
  /** The last message this member marked read, on any device. */
  readSeq: z.number(),
  present: z.array(MemberView),
  /** What the composer needs to say before the member types: locked, slow mode, muted until. */
  posting: z.object({
    locked: z.boolean(),
    slowSeconds: z.number(),
    mutedUntil: z.number().nullable(),
    /** A moderator pinned the "how to respond to a colleague in distress" card. */
    careCard: z.boolean().optional(),
  }),
  /** Your own messages held for review in this group (only you and the moderators see them). */
  held: z.array(HeldMessage).optional(),
  /**
   * On a reopen (`since` given): the messages at or before `since`, from `from` on (at most the last
   * `GROUP_LIMITS.removedLookback` of them), that are removed now. A client that was away when `message:removed`
   * went out turns what it still shows of them into tombstones.
   */
  removed: z.array(z.object({ seq: z.number(), by: z.enum(['moderator', 'author']) })).optional(),
  /**
   * On a reopen (`since` given): the reactions now on the messages from `from` to `since` (at most the last
   * `GROUP_LIMITS.reactionsLookback`, none before the client's `from`). `of` lists those that have any, with the
   * member's own as `mine`; a message in the span that is not listed has none. A client that was away when
   * `reaction:update` went out sets what it shows of them to these.
   */
  reactions: z
    .object({
      from: z.number(),
      of: z.array(z.object({ seq: z.number(), reactions: ReactionCounts, mine: z.array(ReactionKind) })),
    })
    .optional(),
});
export type OpenedGroup = z.infer<typeof OpenedGroup>;

/**
 * Client → server events. The single registry both sides read: the server validates every payload against
 * `payload` at the edge, the client types its emits from it, and `docs/PROTOCOL.md` is generated from it.
 */
export const clientEvents = {
  /** Who am I on this connection (the socket's own view of the session). */
  'me:get': { payload: z.strictObject({}), result: Me },
  /**
   * Become a member (kept across sessions). First time: `acceptGuidelines: true`. Invite-only: `code`. Coordinators
   * (admins) never join or open a group (FORBIDDEN): they appoint its moderators.
   */
  'group:join': {
    payload: z
      .strictObject({
        groupId: Id.optional(),
        code: z.string().trim().min(1).max(64).optional(),
        acceptGuidelines: z.boolean().default(false),
        /** A pseudonym for this group only; nobody in the group can link it to your usual one. */
        alias: z.string().max(96).optional(),
      })
      .refine((p) => p.groupId !== undefined || p.code !== undefined, {
        message: 'groupId or code is required',
      }),
    result: z.object({ group: GroupDetail, me: MemberView }),
  },
  /** What an invite code opens, to read before joining: name, topic, description and guidelines. */
  'group:preview': {
    payload: z.strictObject({ code: z.string().trim().min(1).max(64) }),
    result: z.object({
      id: z.string(),
      name: z.string(),
      topic: GroupDetail.shape.topic,
      description: z.string(),
      guidelines: z.string(),
    }),
  },
  /** Stop being a member; every open tab of yours leaves the group. */
  'group:leave': { payload: GroupRef, result: Empty },
  /**
   * Start receiving a group live on this connection. Without `since`: the latest page. With `since` (the last
   * seq the client has): exactly what came after it, in order, up to a page; `more` says to ask for the rest,
   * and `removed` lists the messages it may still show (from `from`, the first seq it has, to `since`) that were
   * removed while it was away.
   */
  'group:open': {
    payload: z.strictObject({ groupId: Id, since: Seq.optional(), from: Seq.optional() }),
    result: OpenedGroup,
  },
  /** Stop receiving a group on this connection (membership is kept). */
  'group:close': { payload: GroupRef, result: Empty },
  /** A page of history: `before` a seq (scrolling up) or `after` a seq (catching up). */
  'group:history': {
    payload: z.strictObject({
      groupId: Id,
      before: Seq.optional(),
      after: Seq.optional(),
      limit: z.number().int().min(1).max(GROUP_LIMITS.historyPageMax).default(GROUP_LIMITS.openPage),
    }),
    result: HistoryPage,
  },
  /** Send a message. Retrying with the same `clientId` never creates a second one. Acked once stored. */
  'message:send': {
    payload: SendMessage,
    result: z.object({
      seq: z.number(),
      ts: z.number(),
      duplicate: z.boolean(),
      /** Present when the message suggests risk: shown to the sender only. The message was still posted. */
      support: z.array(SupportResource).optional(),
      /**
       * The group holds flagged messages for review: it was not posted (seq 0); only you and the moderators see
       * it until a moderator decides (`message:held`).
       */
      held: z.boolean().optional(),
    }),
  },
  /** Give or take back one supportive reaction. */
  'reaction:set': {
    payload: z.strictObject({ groupId: Id, seq: Seq, kind: ReactionKind, on: z.boolean() }),
    result: z.object({ count: z.number() }),
  },
  /** "I am typing" (the client sends it at most every few seconds). */
  'typing:start': { payload: GroupRef, result: Empty },
  /** Everything up to `seq` has been read, on every device. */
  'group:read': { payload: z.strictObject({ groupId: Id, seq: Seq }), result: Empty },

  /** Remove a message: your own, or any in a group you moderate. Leaves a tombstone; the text is erased. */
  'message:remove': { payload: mp.remove, result: Empty },
  /** Report a message to the group's moderators. Only moderators learn who reported. */
  'report:create': {
    payload: mp.report,
    result: z.object({
      id: z.string(),
      /** The note suggests that someone (the reporter, or whoever they report about) may be at risk. */
      support: z.array(SupportResource).optional(),
    }),
  },
  /** Your reports and their status (received, reviewed, action taken), without detail about others. */
  'report:mine': { payload: z.strictObject({}), result: z.object({ reports: z.array(MyReport) }) },

  /** Moderators: groups you moderate (coordinators: every group's id, name and moderators, to appoint them). */
  'mod:groups': {
    payload: z.strictObject({}),
    result: z.object({
      groups: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          /** Coordinators only: the pseudonyms of the group's moderators, appointed or joined; [] for none. */
          moderators: z.array(z.string()).optional(),
        }),
      ),
    }),
  },
  /** Moderators: a group's members, bans and settings. */
  'mod:members': {
    payload: mp.groupRef,
    result: z.object({ members: z.array(MemberRow), bans: z.array(BanRow), settings: ModerationSettings }),
  },
  'mod:mute': { payload: mp.mute, result: z.object({ until: z.number() }) },
  'mod:unmute': { payload: mp.unmute, result: Empty },
  /** Remove from the group on every node at once; they may rejoin. */
  'mod:kick': { payload: mp.kick, result: Empty },
  /** Ban from the group (or, admins, from Staffroom): removed everywhere within a second, rejoin refused. */
  'mod:ban': { payload: mp.ban, result: z.object({ banId: z.string(), until: z.number().nullable() }) },
  /**
   * Admins: ban an account from Staffroom by pseudonym (also one in no group); ends every session. NOT_FOUND for
   * no such account; FORBIDDEN for a coordinator (admin).
   */
  'mod:ban-account': {
    payload: mp.banAccount,
    result: z.object({ banId: z.string(), until: z.number().nullable() }),
  },
  'mod:unban': { payload: mp.unban, result: Empty },
  /**
   * Moderators: give the group a new join code; the old one stops working at once (a leaked invite link).
   */
  'mod:join-code': { payload: mp.rotateJoinCode, result: z.object({ joinCode: z.string() }) },
  /** Lock, slow mode, blocked terms. */
  'mod:settings': { payload: mp.settings, result: ModerationSettings },
  /** Admins: appoint or remove a group moderator. */
  'mod:moderator': { payload: mp.moderator, result: Empty },
  /**
   * Admins: accounts invited as moderators who could moderate this group (by pseudonym only), and its moderators
   * who have not joined it.
   */
  'mod:candidates': {
    payload: mp.groupRef,
    result: z.object({
      candidates: z.array(z.object({ pseudonym: z.string() })),
      outside: z.array(z.object({ pseudonym: z.string() })),
    }),
  },
  /**
   * Admins: appoint an account invited as a moderator by pseudonym, joined or not (or remove such a moderator).
   * FORBIDDEN for any other role; NOT_FOUND for no such account or group; BANNED for a banned account.
   */
  'mod:appoint': { payload: mp.appoint, result: Empty },
  /**
   * Open reports in groups you moderate: urgent first, then oldest, with five messages of context either side
   * (program moderators: also one-to-one reports, with the reporter's note and never a message). Coordinators: the
   * urgent items of every group and every open one-to-one report as metadata only (no message, note, reporter or
   * member); they never review reports (`mod:resolve`, `mod:held`:
   * FORBIDDEN).
   */
  'mod:queue': { payload: z.strictObject({}), result: z.object({ items: z.array(QueueItem) }) },
  /** Act on a report (dismiss, remove, mute, ban) and record the outcome. */
  'mod:resolve': { payload: mp.resolve, result: Empty },
  /**
   * Open a one-to-one conversation on this connection (participants only; anyone else gets NOT_FOUND): its state
   * and the sealed messages after `since`. Content is ciphertext; the server cannot read it.
   */
  'convo:open': {
    payload: z.strictObject({ conversationId: Id, since: Seq.default(0) }),
    result: z.object({ view: ConversationView, messages: z.array(SealedMessage), more: z.boolean() }),
  },
  'convo:history': {
    payload: z.strictObject({
      conversationId: Id,
      after: Seq,
      limit: z.number().int().min(1).max(500).default(200),
    }),
    result: z.object({ messages: z.array(SealedMessage), more: z.boolean() }),
  },
  /** Send a sealed message; retrying the same `clientId` never creates a second one. */
  'convo:send': {
    payload: SealedV2.extend({
      conversationId: Id,
      clientId: z
        .string()
        .min(8)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
    result: z.object({ seq: z.number(), ts: z.number(), duplicate: z.boolean() }),
  },
  /** Add (no `goalId`) or update a shared goal; status and notes live inside the ciphertext. */
  'convo:goal': {
    payload: SealedV2.extend({ conversationId: Id, goalId: Id.optional() }),
    result: SealedGoal,
  },
  'convo:checkin': {
    payload: z.strictObject({
      conversationId: Id,
      startsAt: z.number().int().positive(),
      type: SessionType.default('check-in'),
      durationMinutes: z.number().int().min(10).max(180),
      note: SealedV2.nullable().default(null),
    }),
    result: CheckIn,
  },
  'convo:checkin-answer': {
    payload: z.strictObject({
      conversationId: Id,
      checkInId: Id,
      action: z.enum(['accept', 'decline', 'cancel']),
    }),
    result: CheckIn,
  },
  /**
   * Add or complete a check-in's sealed note, before or after the session: the consultant on any planned or held
   * session, the teacher on one they proposed. Replaces the note; the server cannot read it.
   */
  'convo:checkin-note': {
    payload: z.strictObject({ conversationId: Id, checkInId: Id, note: SealedV2 }),
    result: CheckIn,
  },
  /**
   * Remove a resource I shared (its sealed description and document). Sharing is `POST
   * /api/conversations/:id/resources`: a document is larger than a socket frame.
   */
  'convo:resource-remove': {
    payload: z.strictObject({ conversationId: Id, resourceId: Id }),
    result: Empty,
  },
  /** Propose to taper off and end (the teacher's proposal ends it: they confirm). */
  'convo:close': { payload: z.strictObject({ conversationId: Id }), result: Empty },
  /** The teacher confirms the end: read-only for both from now on. */
  'convo:close-confirm': { payload: z.strictObject({ conversationId: Id }), result: Empty },
  /** Block the other person: closes the conversation; never matched again. */
  'convo:block': { payload: z.strictObject({ conversationId: Id }), result: Empty },
  /**
   * Report a one-to-one conversation (from one of its messages, by number) without revealing anything of it: a
   * reason and, optionally, the reporter's own note in their own words, checked as a group report's note is. No
   * message text ever reaches the server here: program moderators read the note; coordinators get the item as
   * metadata only. A note that suggests risk makes it urgent and brings back `support`.
   */
  'convo:report': {
    payload: z.strictObject({
      conversationId: Id,
      seq: Seq,
      reason: ReportReason,
      note: ReportNote,
      /** The note may identify someone (PRIVACY_CONFIRM_REQUIRED): send the report anyway. */
      confirmIdentifying: z.boolean().optional(),
    }),
    result: z.object({ id: z.string(), support: z.array(SupportResource).optional() }),
  },
  /**
   * Keep my pin of the other person's key, sealed under my own key, so a new browser of mine restores it. The
   * server cannot read or forge it; it only stores it.
   */
  'convo:pin': { payload: z.strictObject({ conversationId: Id, pin: Sealed }), result: Empty },
  /**
   * The teacher passes their intake note on to a consultant a coordinator assigned by hand: sealed in their browser
   * to the consultant's pinned key. Only the teacher of the conversation, only to its consultant's current key,
   * only for its request, and once.
   */
  'convo:intake-note': {
    payload: PassOnNoteBody.extend({ conversationId: Id }),
    result: Empty,
  },

  /**
   * Moderators: a private message from the moderation team to the member an at-risk item is about (delivered
   * live as `care:message`, kept until read, audited). Nobody else sees it. Coordinators may too, on an urgent
   * group item, without learning who the member is.
   */
  'mod:reach-out': { payload: mp.reachOut, result: z.object({ id: z.string() }) },
  /** Moderators and coordinators: how many urgent alerts they can see that nobody has acknowledged (a badge). */
  'mod:urgent': { payload: z.strictObject({}), result: z.object({ unacknowledged: z.number() }) },
  /**
   * Acknowledge an at-risk item (and the alerts grouped with it): its escalation stops; coordinators see who.
   * Coordinators may too, on an urgent item, without seeing its content.
   */
  'mod:acknowledge': { payload: mp.acknowledge, result: Empty },
  /** Release a message held for review to the group, or keep it hidden. Its sender is told either way. */
  'mod:held': { payload: mp.held, result: z.object({ seq: z.number().nullable() }) },
  /** Your unread messages from moderation teams, oldest first. */
  'care:inbox': { payload: z.strictObject({}), result: z.object({ messages: z.array(CareMessage) }) },
  /** You have read this message from a moderation team: it is deleted. */
  'care:read': { payload: mp.careRead, result: Empty },
  /** The audit log (append-only), newest first, filtered. */
  'mod:audit': { payload: mp.audit, result: z.object({ entries: z.array(AuditEntry), more: z.boolean() }) },
  /** How long this group keeps its messages (members, its moderators and coordinators). */
  'group:retention': { payload: rp.groupRef, result: GroupRetention },
  /** Moderators: keep this group's messages for fewer days than the deployment's maximum (audited). */
  'mod:retention': { payload: rp.set, result: GroupRetention },
} as const satisfies Record<string, ClientEventSpec>;

export type ClientEventName = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientResult<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['result']>;
