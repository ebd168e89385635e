import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { z } from 'zod';
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
    spec.limit ? [`${prefix}rate:event:${event}:${accountId}`] : [],
  );
  // Sharing a resource is HTTP (a document is larger than a socket frame): its budget is not an event's.
  limited.push(`${prefix}rate:event:${RESOURCE_LIMITS.shareLimit.name}:${accountId}`);
  return [`${prefix}rate:events:${accountId}`, `${prefix}rate:join:${accountId}`, ...limited];
}

export function forgetRedisThrottles(redis: Redis | null, prefix: string) {
  return async (accountId: string) => {
    if (redis) await redis.del(...redisThrottleKeys(prefix, accountId));
  };
}
