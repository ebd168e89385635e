import type { ClientEventName } from './client-events.js';

/**
 * What each client event costs, declared beside the event registry so a new event cannot be added without a
 * budget (the `satisfies` below fails to compile). The server's admission layer (`platform/realtime/on-event.ts`)
 * spends `cost` points from the account's budget (`EVENT_BUDGET_PER_10S`, shared by every socket of the account
 * on every node) before the handler runs; `limit` is a second, tighter budget for one event kind: things that
 * are stored for others to read or fan out to a whole group. Over budget, the event is answered at once with
 * `RATE_LIMITED` and `retryAfterMs`, and nothing is done.
 *
 * Costs are rough proportions of the work and bytes an event causes: a history page reads and sends up to 200
 * messages, `me:get` reads one record.
 */
export interface EventCost {
  /** Points from the account's shared event budget (0: budgeted elsewhere, see the note on the event). */
  cost: number;
  /** A separate budget for this event per account: `points` per `seconds`, across all nodes. */
  limit?: { points: number; seconds: number };
}

export const eventCosts = {
  'me:get': { cost: 1 },
  'group:join': { cost: 4 },
  'group:preview': { cost: 2 },
  'group:leave': { cost: 2 },
  'group:open': { cost: 8 },
  'group:close': { cost: 1 },
  'group:history': { cost: 8 },
  /** Budgeted by `SEND_LIMIT_PER_10S` inside the store's append script (one round trip on the hot path). */
  'message:send': { cost: 0 },
  'reaction:set': { cost: 2, limit: { points: 30, seconds: 10 } },
  'typing:start': { cost: 1, limit: { points: 10, seconds: 10 } },
  'group:read': { cost: 1 },
  'message:remove': { cost: 2 },
  'report:create': { cost: 4, limit: { points: 10, seconds: 600 } },
  'report:mine': { cost: 2 },
  'mod:groups': { cost: 2 },
  'mod:members': { cost: 4 },
  'mod:mute': { cost: 2 },
  'mod:unmute': { cost: 2 },
  'mod:kick': { cost: 2 },
  'mod:ban': { cost: 2 },
  'mod:unban': { cost: 2 },
  'mod:settings': { cost: 2 },
  'mod:moderator': { cost: 2 },
  'mod:candidates': { cost: 4 },
  'mod:appoint': { cost: 2 },
  'mod:queue': { cost: 8 },
  'mod:resolve': { cost: 4 },
  'convo:open': { cost: 8 },
  'convo:history': { cost: 8 },
  'convo:send': { cost: 2, limit: { points: 20, seconds: 10 } },
  'convo:goal': { cost: 2, limit: { points: 20, seconds: 60 } },
  'convo:checkin': { cost: 2, limit: { points: 10, seconds: 60 } },
  'convo:checkin-answer': { cost: 2 },
  /** A sealed note of up to 24 kB, stored for the other person to read. */
  'convo:checkin-note': { cost: 2, limit: { points: 20, seconds: 60 } },
  'convo:resource-remove': { cost: 2 },
  'convo:close': { cost: 2 },
  'convo:close-confirm': { cost: 2 },
  'convo:block': { cost: 2 },
  'convo:report': { cost: 4, limit: { points: 10, seconds: 600 } },
  'mod:audit': { cost: 8 },
  'mod:ban-account': { cost: 2 },
  'mod:join-code': { cost: 2 },
  /** Stored for the member to read: a moderator's private word, not a channel to flood someone with. */
  'mod:reach-out': { cost: 2, limit: { points: 10, seconds: 600 } },
  'mod:urgent': { cost: 2 },
  'mod:acknowledge': { cost: 2 },
  'mod:held': { cost: 2 },
  'care:inbox': { cost: 1 },
  'care:read': { cost: 1 },
  'convo:pin': { cost: 2, limit: { points: 20, seconds: 60 } },
  /** A sealed note of 2.8 kB, kept once per conversation: a few tries are plenty. */
  'convo:intake-note': { cost: 2, limit: { points: 10, seconds: 600 } },
  'group:retention': { cost: 1 },
  'mod:retention': { cost: 2 },
} as const satisfies Record<ClientEventName, EventCost>;
