import { z } from 'zod';
import { Me } from '../schemas/accounts.js';
import { GroupDetail, Id, MemberView } from '../schemas/groups.js';
import { Message, ReactionKind, SendMessage, Seq } from '../schemas/messages.js';
import { GROUP_LIMITS } from '../limits.js';

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
});
export type OpenedGroup = z.infer<typeof OpenedGroup>;

/**
 * Client → server events. The single registry both sides read: the server validates every payload against
 * `payload` at the edge, the client types its emits from it, and `docs/PROTOCOL.md` is generated from it.
 */
export const clientEvents = {
  /** Who am I on this connection (the socket's own view of the session). */
  'me:get': { payload: z.strictObject({}), result: Me },
  /** Become a member (kept across sessions). First time: `acceptGuidelines: true`. Invite-only: `code`. */
  'group:join': {
    payload: z
      .strictObject({
        groupId: Id.optional(),
        code: z.string().trim().min(1).max(64).optional(),
        acceptGuidelines: z.boolean().default(false),
        /** A pseudonym for this group only; nobody in the group can link it to your usual one. */
        alias: z.string().max(96).optional(),
      })
      .refine((p) => p.groupId !== undefined || p.code !== undefined, { message: 'groupId or code is required' }),
    result: z.object({ group: GroupDetail, me: MemberView }),
  },
  /** Stop being a member; every open tab of yours leaves the group. */
  'group:leave': { payload: GroupRef, result: Empty },
  /**
   * Start receiving a group live on this connection. Without `since`: the latest page. With `since` (the last
   * seq the client has): exactly what came after it, in order, up to a page; `more` says to ask for the rest.
   */
  'group:open': {
    payload: z.strictObject({ groupId: Id, since: Seq.optional() }),
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
    result: z.object({ seq: z.number(), ts: z.number(), duplicate: z.boolean() }),
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
} as const satisfies Record<string, ClientEventSpec>;

export type ClientEventName = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientResult<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['result']>;
