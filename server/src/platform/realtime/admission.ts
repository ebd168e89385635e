import type { RedisClient as Redis } from '../redis/connect.js';
import type { ClientEventName } from '@staffroom/shared/protocol/client-events';
import { eventCosts, type EventCost } from '@staffroom/shared/protocol/event-costs';
import { keyPrefixFor } from '@staffroom/shared/privacy/registry';
import { createRateLimit, type RateLimit } from '../rate-limit.js';

/** Spends an event's cost from an account's budgets (see `eventCosts`), or throws RATE_LIMITED. */
export interface Admission {
  /**
   * Spends the event's cost, or throws RATE_LIMITED. Returns nothing (no promise, no microtask) for an event
   * that costs nothing here, such as `message:send`, whose budget the append script keeps.
   */
  admit(accountId: string, event: ClientEventName): Promise<void> | undefined;
}

export interface AdmissionOptions {
  /** Null in embedded mode: budgets are kept in this process. */
  redis: Redis | null;
  prefix: string;
  /** Points one account may spend per 10 seconds over all its sockets and nodes. */
  budgetPer10s: number;
}

const TOO_FAST = 'You are doing that very fast. Wait a moment.';

/**
 * Per-account budgets shared across nodes (rate-limiter-flexible over Redis): one general budget every event
 * spends its `cost` from, plus a separate one per event kind that declares a `limit`. The general budget is
 * charged first, so an event refused by its own limit has still paid for asking.
 */
export function createAdmission(opts: AdmissionOptions): Admission {
  const general = createRateLimit({
    redis: opts.redis,
    keyPrefix: keyPrefixFor(opts.prefix, 'platform.eventBudget'),
    points: opts.budgetPer10s,
    durationSeconds: 10,
    message: TOO_FAST,
  });
  const specific = new Map<ClientEventName, RateLimit>();
  for (const [event, spec] of Object.entries(eventCosts) as [ClientEventName, EventCost][]) {
    if (!spec.limit) continue;
    specific.set(
      event,
      createRateLimit({
        redis: opts.redis,
        keyPrefix: keyPrefixFor(opts.prefix, 'platform.eventLimit', { event }),
        points: spec.limit.points,
        durationSeconds: spec.limit.seconds,
        message: TOO_FAST,
      }),
    );
  }
  return {
    admit(accountId, event) {
      const { cost } = eventCosts[event];
      const limit = specific.get(event);
      if (cost === 0 && !limit) return undefined;
      return (async () => {
        if (cost > 0) await general.consume(accountId, cost);
        await limit?.consume(accountId);
      })();
    },
  };
}
