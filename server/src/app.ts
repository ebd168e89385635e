import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import type { Config } from './config.js';
import { createHttpApp } from './platform/http/create-http-app.js';
import { createOriginPolicy } from './platform/http/origins.js';
import type { Logger } from './platform/log.js';
import { createMetrics } from './platform/metrics.js';
import { connectRedis, waitReady } from './platform/redis/connect.js';
import { createRealtime } from './platform/realtime/create-realtime.js';
import { createEventEdge } from './platform/realtime/on-event.js';
import type { AppServer } from './platform/realtime/types.js';
import { createAccountRoutes, createRequireAuth } from './features/accounts/accounts.routes.js';
import { createAccountService, type AccountService } from './features/accounts/accounts.service.js';
import { createMemoryAccountStore } from './features/accounts/accounts.memory-store.js';
import { createRedisAccountStore } from './features/accounts/accounts.redis-store.js';
import { createLoginLimiter } from './features/accounts/login-limiter.js';
import { createPassphraseHasher } from './features/accounts/passphrase-hasher.js';
import { accountKeys } from './features/accounts/accounts.keys.js';
import {
  createSocketAuth,
  disconnectSessions,
  registerAccountHandlers,
} from './features/accounts/accounts.handlers.js';
import { createRateLimit } from './platform/rate-limit.js';
import { createGroupService } from './features/groups/groups.service.js';
import { createMemoryGroupStore, createMemoryPresenceStore } from './features/groups/groups.memory-store.js';
import { createRedisGroupStore, createRedisPresenceStore } from './features/groups/groups.redis-store.js';
import { createGroupRoutes } from './features/groups/groups.routes.js';
import { openGroupOf, registerGroupHandlers, watchGroupRooms } from './features/groups/groups.handlers.js';
import { createPresenceTracker } from './features/groups/presence.js';
import { startMeetingAnnouncer } from './features/groups/meeting-announcer.js';
import { createMessageService } from './features/messages/messages.service.js';
import { createMemoryMessageStore } from './features/messages/messages.memory-store.js';
import { createRedisMessageStore } from './features/messages/messages.redis-store.js';
import { deliverMessages, registerMessageHandlers } from './features/messages/messages.handlers.js';
import { createClusterBus } from './platform/realtime/cluster.js';
import { createModerationService, type ModerationService } from './features/moderation/moderation.service.js';
import { createMemoryModerationStore } from './features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from './features/moderation/moderation.redis-store.js';
import {
  createNotifier,
  registerModerationHandlers,
  registerModerationTopics,
} from './features/moderation/moderation.handlers.js';

import { createConsultationService } from './features/consultations/consultations.service.js';
import { createMemoryConsultationStore } from './features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from './features/consultations/consultations.redis-store.js';
import { consultationKeys } from './features/consultations/consultations.keys.js';
import { createConsultationRoutes } from './features/consultations/consultations.routes.js';
import {
  createConsultationNotifier,
  registerConsultationHandlers,
} from './features/consultations/consultations.handlers.js';

export interface App {
  http: HttpServer;
  express: Express;
  io: AppServer;
  accounts: AccountService;
  /** Starts listening; resolves with the port. */
  listen(): Promise<number>;
  /** Graceful stop: no new connections, clients told to reconnect elsewhere, store closed. */
  close(): Promise<void>;
}

/** The composition root: builds every capability from config and wires them together. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const metrics = createMetrics();
  const origins = createOriginPolicy(config.ALLOWED_ORIGINS);

  let redis: Redis | null = null;
  let sub: Redis | null = null;
  if (config.REDIS_URL) {
    redis = connectRedis(config.REDIS_URL, log, 'cmd');
    // While the subscriber was away, broadcasts and cluster changes from every node were lost for this node.
    sub = connectRedis(config.REDIS_URL, log, 'sub', () => {
      moderation.clearCaches();
      io.local.emit('groups:resync', {});
    });
    await Promise.all([waitReady(redis, 10_000), waitReady(sub, 10_000)]);
  }
  const prefix = config.REDIS_KEY_PREFIX;

  // The request handler is bound before socket.io attaches, so engine.io's wrapper keeps /socket.io/ requests
  // (polling) away from express; express itself is built below, once the services exist.
  let handle: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const http = createServer((req, res) => handle(req, res));
  const io = createRealtime(http, {
    origins,
    ...(redis && sub ? { bus: { pub: redis, sub, prefix, sharded: config.REDIS_SHARDED_PUBSUB } } : {}),
  });

  // Capabilities call each other through functions composed here; `moderation` is built last, and the
  // closures below reach it only once requests flow.
  const bus = createClusterBus(io, log, !config.embedded);

  const keyBundles = new Map<string, KeyBundle>();
  const accounts = createAccountService({
    // The key bundles belong to consultations; the account store gets their location so a passphrase change
    // rewrites the auth hash and the wrapped private key in one operation.
    store: redis
      ? createRedisAccountStore(redis, prefix, { redisKey: consultationKeys(prefix).keys })
      : createMemoryAccountStore(Date.now, { map: keyBundles }),
    hasher: await createPassphraseHasher(config.pepper, config.BCRYPT_COST),
    limiter: createLoginLimiter({
      redis,
      keyPrefix: accountKeys(prefix).loginFailures(),
      maxFailures: config.LOGIN_MAX_FAILURES,
      windowSeconds: Math.round(config.LOGIN_LOCK_MINUTES * 60),
    }),
    sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: config.SESSION_MAX_HOURS * 3600_000,
    onSessionsEnded: (ids, reason) => disconnectSessions(io, ids, reason),
    isBanned: async (accountId) => (await moderation.activeGlobalBan(accountId)) !== null,
    audit: (p, action, target, reason) => moderation.audit(p, action, null, target, reason),
  });
  const requireAuth = createRequireAuth(accounts);

  const messages = createMessageService({
    store:
      redis && sub
        ? createRedisMessageStore(redis, sub, prefix, config.HISTORY_MAX_MESSAGES)
        : createMemoryMessageStore(config.HISTORY_MAX_MESSAGES),
    policy: {
      postingPolicy: (p, groupId) => moderation.postingPolicy(p, groupId),
      screen: (groupId, text, confirm) => moderation.screen(groupId, text, confirm),
      raiseCrisis: (groupId, seq) => moderation.raiseCrisis(groupId, seq),
    },
    sendLimit: config.SEND_LIMIT_PER_10S,
    sendWindowMs: 10_000,
  });
  const groups = createGroupService({
    store: redis ? createRedisGroupStore(redis, prefix) : createMemoryGroupStore(),
    latestSeqs: messages.latestSeqs,
    isPseudonymTaken: (skeleton) => accounts.isPseudonymTaken(skeleton),
    joinGate: (p, groupId) => moderation.joinGate(p, groupId),
    audit: (p, action, groupId, target, reason) => moderation.audit(p, action, groupId, target, reason),
  });
  const moderation: ModerationService = createModerationService({
    store: redis ? createRedisModerationStore(redis, prefix) : createMemoryModerationStore(),
    groups,
    messages,
    endAllSessions: (accountId) => accounts.endAllSessions(accountId),
    publish: (topic, data) => bus.publish(topic, data),
    notify: createNotifier(io),
    guards: {
      blockedTerms: config.blockedTerms,
      schoolNames: config.schoolNames,
      crisisResources: config.crisisResources,
    },
  });
  registerModerationTopics(bus, io, moderation);
  moderation.warmGuards();
  const consultations = createConsultationService({
    store: redis ? createRedisConsultationStore(redis, prefix) : createMemoryConsultationStore(keyBundles),
    pepper: config.pepper,
    offerMs: config.OFFER_HOURS * 3600_000,
    notify: createConsultationNotifier(io),
  });
  const presence = createPresenceTracker({
    store: redis ? createRedisPresenceStore(redis, prefix) : createMemoryPresenceStore(),
    io,
    log,
    nodeId: randomBytes(6).toString('base64url'),
    ttlMs: config.PRESENCE_TTL_SECONDS * 1000,
    beatMs: (config.PRESENCE_TTL_SECONDS * 1000) / 4,
  });
  const joinLimit = createRateLimit({
    redis,
    keyPrefix: `${prefix}rate:join`,
    points: config.JOIN_LIMIT_PER_MINUTE,
    durationSeconds: 60,
    message: 'Too many groups opened in a short time. Wait a moment.',
  });

  const express = createHttpApp({
    log,
    metrics,
    origins,
    trustProxy: config.TRUST_PROXY,
    clientDist: config.CLIENT_DIST,
    api: [
      createAccountRoutes({
        accounts,
        requireAuth,
        cookieSecure: config.COOKIE_SECURE,
        info: { embedded: config.embedded },
      }),
      createGroupRoutes(groups, requireAuth),
      createConsultationRoutes(consultations, requireAuth),
    ],
    ready: async () => {
      try {
        await accounts.ping();
        return true;
      } catch {
        return false;
      }
    },
  });
  handle = express;

  const edge = createEventEdge(log, metrics);
  io.use(createSocketAuth(accounts, log));
  watchGroupRooms(io, presence, log);
  io.on('connection', (socket) => {
    metrics.connectedSockets.inc();
    socket.on('disconnect', () => metrics.connectedSockets.dec());
    socket.data.openGroups = new Map();
    edge.guard(socket);
    registerAccountHandlers(socket, edge, accounts);
    registerGroupHandlers(socket, {
      io,
      edge,
      groups,
      presence,
      joinLimit,
      history: messages.open,
      posting: moderation.postingState,
    });
    registerMessageHandlers(socket, { io, edge, messages, openGroupOf });
    registerConsultationHandlers(socket, { edge, consultations, reveal: moderation.reportRevealed });
    void registerModerationHandlers(socket, edge, moderation, log);
  });
  presence.start();
  await deliverMessages(io, messages);
  const stopAnnouncer = startMeetingAnnouncer({ groups, announce: messages.announce, log });
  // Offers nobody answered pass to the next consultant; every node polls, the store lets one win each.
  const offerTimer = setInterval(
    () =>
      void consultations
        .expireOffers()
        .catch((err: unknown) => log.warn({ err: String(err) }, 'offer expiry failed')),
    Math.min(30_000, Math.max(1_000, config.OFFER_HOURS * 3600_000)),
  );
  offerTimer.unref();

  return {
    http,
    express,
    io,
    accounts,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, resolve);
      });
      const port = (http.address() as AddressInfo).port;
      origins.setPort(port);
      return port;
    },
    async close() {
      stopAnnouncer();
      clearInterval(offerTimer);
      await presence.stop();
      io.local.emit('server:draining', {});
      // io.close() closes every socket ("server shutting down": clients reconnect, to another node if any)
      // and the HTTP server.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      http.closeAllConnections();
      await Promise.allSettled([redis?.quit(), sub?.quit()]);
    },
  };
}
