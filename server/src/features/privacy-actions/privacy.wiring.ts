import { z } from 'zod';
import { keyFor } from '@staffroom/shared/privacy/registry';
import { routeLimitKeys } from '../../platform/http/route-limit.js';
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { eventCosts, type EventCost } from '@staffroom/shared/protocol/event-costs';
import type { ClusterBus } from '../../platform/realtime/cluster.js';
import { rooms, type AppServer } from '../../platform/realtime/types.js';
import type { ErasureNotifier } from './erase.service.js';
import type { ModerationCaches } from './ports.js';

const Erased = z.object({ accountId: z.string(), groupIds: z.array(z.string()) });

/**
 * How erasure reaches every node: a cluster change (acknowledged by every node before the erasure goes on) that
 * closes the account's sockets and drops the caches that know it; removals and ended conversations go out as the
 * moderation and consultation events members already handle.
 */
export function createErasureNotifier(deps: {
  io: AppServer;
  bus: ClusterBus;
  moderation: ModerationCaches;
  conversationChanged: (conversationId: string) => void;
}): ErasureNotifier {
  const { io, bus, moderation } = deps;
  bus.on('privacy:erased', (data) => {
    const { accountId, groupIds } = Erased.parse(data);
    moderation.invalidateGlobalBan(accountId);
    for (const groupId of groupIds) moderation.invalidateGroup(groupId);
    io.local.to(rooms.account(accountId)).emit('session:ended', { reason: 'account-erased' });
    io.local.in(rooms.account(accountId)).disconnectSockets(true);
  });
  return {
    accountGone: (accountId, groupIds) =>
      bus.publish('privacy:erased', { accountId, groupIds: [...groupIds] }),
    removed: (groupId, seq) =>
      io.to(rooms.group(groupId)).emit('message:removed', { groupId, seq, by: 'author' }),
    conversationEnded: (conversationId, peerId) => {
      deps.conversationChanged(conversationId);
      io.to(rooms.account(peerId)).emit('support:request', {});
      io.to(rooms.account(peerId)).emit('support:offers', {});
    },
  };
}

/** The account's cluster-wide budgets (rate-limiter-flexible keys, `<prefix>:<accountId>`); they expire anyway. */
export function redisThrottleKeys(prefix: string, accountId: string): string[] {
  const limited = (Object.entries(eventCosts) as [string, EventCost][]).flatMap(([event, spec]) =>
    spec.limit ? [keyFor(prefix, 'platform.eventLimit', { event, accountId })] : [],
  );
  return [
    keyFor(prefix, 'platform.eventBudget', { accountId }),
    keyFor(prefix, 'platform.joinRate', { accountId }),
    keyFor(prefix, 'moderation.refusedAlertRate', { accountId }),
    ...limited,
    ...routeLimitKeys(prefix, accountId),
  ];
}

export function forgetRedisThrottles(redis: Redis | null, prefix: string) {
  return async (accountId: string) => {
    if (redis) await redis.del(...redisThrottleKeys(prefix, accountId));
  };
}
