import { keyPrefixFor } from '@staffroom/shared/privacy/registry';
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import { escalationCheckMs, type Config } from './config.js';
import { createHttpApp } from './platform/http/create-http-app.js';
import { createOriginPolicy } from './platform/http/origins.js';
import type { Logger } from './platform/log.js';
import { createMetrics } from './platform/metrics.js';
import { connectRedis, waitReady, type RedisClient } from './platform/redis/connect.js';
import { connectRedisCluster, parseClusterNodes } from './platform/redis/cluster-client.js';
import { createRealtime } from './platform/realtime/create-realtime.js';
import { createEventEdge } from './platform/realtime/on-event.js';
import { createAdmission } from './platform/realtime/admission.js';
import { createSocketCap } from './platform/realtime/socket-cap.js';
import type { AppServer } from './platform/realtime/types.js';
import { createAccountRoutes, createRequireAuth } from './features/accounts/accounts.routes.js';
import { createCrisisContactsService } from './features/settings/crisis-contacts.service.js';
import { createMemorySettingsStore } from './features/settings/settings.memory-store.js';
import { createRedisSettingsStore } from './features/settings/settings.redis-store.js';
import { createSettingsRoutes } from './features/settings/settings.routes.js';
import { createAccountService, type AccountService } from './features/accounts/accounts.service.js';
import { createMemoryAccountStore } from './features/accounts/accounts.memory-store.js';
import { createRedisAccountStore } from './features/accounts/accounts.redis-store.js';
import { createMemoryDeviceStore } from './features/accounts/devices.memory-store.js';
import { createRedisDeviceStore } from './features/accounts/devices.redis-store.js';
import { createMemoryThrottleStore } from './features/accounts/login-throttle.memory-store.js';
import { createRedisThrottleStore } from './features/accounts/login-throttle.redis-store.js';
import { createLoginLimiter } from './features/accounts/login-limiter.js';
import { createPassphraseHasher } from './features/accounts/passphrase-hasher.js';
import { accountKeys } from './features/accounts/accounts.keys.js';
import {
  createSessionWatch,
  createSocketAuth,
  disconnectSessions,
  accountConnected,
  registerAccountHandlers,
} from './features/accounts/accounts.handlers.js';
import { createRateLimit } from './platform/rate-limit.js';
import { createRouteLimits } from './platform/http/route-limit.js';
import { createGroupService } from './features/groups/groups.service.js';
import { createMemoryGroupStore, createMemoryPresenceStore } from './features/groups/groups.memory-store.js';
import { createRedisGroupStore, createRedisPresenceStore } from './features/groups/groups.redis-store.js';
import { createGroupRoutes } from './features/groups/groups.routes.js';
import {
  openGroupOf,
  recheckOpenGroups,
  registerGroupHandlers,
  watchGroupRooms,
} from './features/groups/groups.handlers.js';
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
import { createMemoryCareStore } from './features/moderation/care.memory-store.js';
import { createRedisCareStore } from './features/moderation/care.redis-store.js';
import {
  createNotifier,
  moderationConnected,
  registerModerationHandlers,
  registerModerationTopics,
} from './features/moderation/moderation.handlers.js';

import { createConsultationService } from './features/consultations/consultations.service.js';
import { createMemoryConsultationStore } from './features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from './features/consultations/consultations.redis-store.js';
import { consultationKeys } from './features/consultations/consultations.keys.js';
import { createConsultationRoutes } from './features/consultations/consultations.routes.js';
import { createWellnessService } from './features/wellness/wellness.service.js';
import { createMemoryWellnessStore } from './features/wellness/wellness.memory-store.js';
import { createRedisWellnessStore } from './features/wellness/wellness.redis-store.js';
import { createWellnessRoutes } from './features/wellness/wellness.routes.js';
import { createWorkshopService } from './features/workshops/workshops.service.js';
import { createMemoryWorkshopStore } from './features/workshops/workshops.memory-store.js';
import { createRedisWorkshopStore } from './features/workshops/workshops.redis-store.js';
import { createWorkshopRoutes } from './features/workshops/workshops.routes.js';
import { MEETING_KEPT_AFTER_END_MS } from './features/groups/groups.store.js';
import { runMigrations } from './platform/startup/migrations.js';
import { nameSkeletonsBackfill } from './features/groups/groups.backfill.js';
import { trimmedReactionsBackfill } from './features/messages/messages.backfill.js';
import { retentionClocksBackfill } from './features/consultations/consultations.backfill.js';
import { wellnessKeys } from './features/wellness/wellness.keys.js';
import {
  createConsultationNotifier,
  registerConsultationHandlers,
} from './features/consultations/consultations.handlers.js';
import { createRetentionService } from './features/retention/retention.service.js';
import { createMemoryRetentionStore } from './features/retention/retention.memory-store.js';
import { createRedisRetentionStore } from './features/retention/retention.redis-store.js';
import { registerRetentionHandlers } from './features/retention/retention.handlers.js';
import { retentionKeys } from './features/retention/retention.keys.js';
import { retentionSteps } from './features/retention/retention.steps.js';
import { createSweeper, SWEEP_LOCK_MS } from './features/retention/sweeper.js';
import { createMemorySweepLock, createRedisSweepLock } from './features/retention/sweep-lock.js';
import { createEraseService } from './features/privacy-actions/erase.service.js';
import { createExportService } from './features/privacy-actions/export.service.js';
import { rewriteRedisFiles } from './features/privacy-actions/persist.js';
import { createPrivacyRoutes } from './features/privacy-actions/privacy.routes.js';
import { createErasureNotifier, forgetRedisThrottles } from './features/privacy-actions/privacy.wiring.js';
import { coalesce } from './platform/coalesce.js';

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

/**
 * A node started while Redis is away waits for it (the connections retry by themselves), saying so at once and
 * then every 10 s, and starts once it answers: no crash loop for a supervisor, and nothing runs half-built.
 */
async function waitForRedis(connections: RedisClient[], log: Logger): Promise<void> {
  // The first look is short, so a node that will wait says so at once; then every 10 s.
  for (let waited = 0, step = 1; ; waited += step, step = 10) {
    try {
      await Promise.all(connections.map((c) => waitReady(c, step * 1000)));
      if (waited > 0) log.info({ waitedSeconds: waited }, 'redis reachable: starting');
      return;
    } catch {
      log.warn({ waitedSeconds: waited + step }, 'redis not reachable yet: waiting for it before starting');
    }
  }
}

/** A resync waits for the Redis subscriber's "restored" signals to be quiet this long, and at most the max. */
const RESYNC_QUIET_MS = 300;
const RESYNC_MAX_WAIT_MS = 2_000;

/** The composition root: builds every capability from config and wires them together. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const metrics = createMetrics();
  const origins = createOriginPolicy(config.ALLOWED_ORIGINS);

  let resync: (() => void) | null = null;
  // A failover or a flapping connection says "restored" many times a second: one resync for the burst.
  const restored = coalesce(() => resync?.(), RESYNC_QUIET_MS, RESYNC_MAX_WAIT_MS);
  let redis: RedisClient | null = null;
  let sub: RedisClient | null = null;
  if (config.REDIS_CLUSTER_NODES) {
    // Redis Cluster: the same stores, keys of a group in one slot, group messages on per-group shard channels.
    const nodes = parseClusterNodes(config.REDIS_CLUSTER_NODES);
    redis = connectRedisCluster(nodes, log, 'cmd');
    sub = connectRedisCluster(nodes, log, 'sub', { subscriber: true, onRestored: restored.request });
    await waitForRedis([redis, sub], log);
  } else if (config.REDIS_URL) {
    redis = connectRedis(config.REDIS_URL, log, 'cmd');
    // While the subscriber was away, broadcasts and cluster changes from every node were lost for this node.
    // The services it resyncs exist only further down: a reconnect before then (Redis down at start) has
    // nothing to resync.
    sub = connectRedis(config.REDIS_URL, log, 'sub', restored.request);
    await waitForRedis([redis, sub], log);
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
    ...(redis && sub
      ? { bus: { pub: redis, sub, prefix, sharded: config.REDIS_SHARDED_PUBSUB || redis.isCluster } }
      : {}),
  });

  // Capabilities call each other through functions composed here; `moderation` is built last, and the
  // closures below reach it only once requests flow.
  const bus = createClusterBus(io, log, !config.embedded);

  const keyBundles = new Map<string, KeyBundle>();
  // The key bundles belong to consultations; the account store gets their location so a passphrase change
  // rewrites the auth hash and the wrapped private key in one operation.
  const accountStore = redis
    ? createRedisAccountStore(redis, prefix, { redisKey: consultationKeys(prefix).keys })
    : createMemoryAccountStore(Date.now, { map: keyBundles });
  const accounts = createAccountService({
    store: accountStore,
    hasher: await createPassphraseHasher(config.pepper, config.BCRYPT_COST),
    limiter: createLoginLimiter({
      store: redis
        ? createRedisThrottleStore(redis, accountKeys(prefix).loginThrottle)
        : createMemoryThrottleStore(),
      freeFailures: config.LOGIN_MAX_FAILURES,
      capSeconds: Math.max(1, Math.round(config.LOGIN_LOCK_MINUTES * 60)),
      failuresPerHour: config.LOGIN_FAILURES_PER_HOUR,
      anonymousPerMinute: config.LOGIN_ANONYMOUS_FAILURES_PER_MINUTE,
      successesPer10Minutes: config.LOGIN_SUCCESSES_PER_10_MINUTES,
    }),
    devices: redis ? createRedisDeviceStore(redis, prefix) : createMemoryDeviceStore(),
    trustedDeviceMs: config.TRUSTED_DEVICE_DAYS * 24 * 3600_000,
    maxTrustedDevices: 10,
    onLoginAlarm: () =>
      log.warn(
        { perMinute: config.LOGIN_ANONYMOUS_FAILURES_PER_MINUTE },
        'failed log-ins without a known device reached the global budget: possible password spraying',
      ),
    sessionIdleMs: config.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: config.SESSION_MAX_HOURS * 3600_000,
    onSessionsEnded: (ids, reason) => disconnectSessions(io, ids, reason),
    isBanned: async (accountId) => (await moderation.activeGlobalBan(accountId)) !== null,
    audit: (p, action, target, reason) => moderation.audit(p, action, null, target, reason),
  });
  const requireAuth = createRequireAuth(accounts);
  const crisisContacts = createCrisisContactsService({
    store: redis ? createRedisSettingsStore(redis, prefix) : createMemorySettingsStore(),
    fallback: config.crisisResources,
    audit: (p, target, reason) => moderation.audit(p, 'crisis-contacts', null, target, reason),
  });

  let lastUnreplicatedWarning = 0;
  const warnUnreplicated = () => {
    if (Date.now() - lastUnreplicatedWarning < 60_000) return;
    lastUnreplicatedWarning = Date.now();
    log.warn(
      { waitMs: config.REDIS_WAIT_TIMEOUT_MS },
      'a message was acknowledged before its shard replica confirmed it (replica slow or gone)',
    );
  };
  const messageStore =
    redis && sub
      ? createRedisMessageStore(redis, sub, prefix, config.HISTORY_MAX_MESSAGES, {
          waitTimeoutMs: config.REDIS_WAIT_TIMEOUT_MS,
          onUnreplicated: warnUnreplicated,
          onReceived: (bytes) => {
            metrics.liveReceived.inc();
            metrics.liveBytesReceived.inc(bytes);
          },
        })
      : createMemoryMessageStore(config.HISTORY_MAX_MESSAGES);
  const messages = createMessageService({
    store: messageStore,
    policy: {
      postingPolicy: (p, groupId) => moderation.postingPolicy(p, groupId),
      admit: (p, groupId, text, confirm, sender) => moderation.admitPost(p, groupId, text, confirm, sender),
      raiseCrisis: (groupId, seq) => moderation.raiseCrisis(groupId, seq),
      refusedRisk: (groupId, text, sender) => moderation.refusedRisk(groupId, text, sender),
      hold: (groupId, held) => moderation.hold(groupId, held),
    },
    sendLimit: config.SEND_LIMIT_PER_10S,
    sendWindowMs: 10_000,
    onStored: (accountId, groupId) => wellness.recordMessage(accountId, groupId),
  });
  const groupStore = redis ? createRedisGroupStore(redis, prefix) : createMemoryGroupStore();
  const groups = createGroupService({
    store: groupStore,
    latestSeqs: messages.latestSeqs,
    isPseudonymTaken: (skeleton) => accounts.isPseudonymTaken(skeleton),
    joinGate: (p, groupId) => moderation.joinGate(p, groupId),
    activeBans: (accountId, groupIds) => moderation.activeBans(accountId, groupIds),
    checkText: (text, opts) => moderation.checkText(text, opts),
    audit: (p, action, groupId, target, reason) => moderation.audit(p, action, groupId, target, reason),
    coordinatorOpened: (p, groupId, what) => moderation.coordinatorOpened(p, groupId, what),
    schoolNames: config.schoolNames,
  });
  const workshops = createWorkshopService({
    store: redis ? createRedisWorkshopStore(redis, prefix) : createMemoryWorkshopStore(),
    pepper: config.pepper,
    k: config.PULSE_K,
    meeting: (groupId, meetingId) => groups.meeting(groupId, meetingId),
    memberName: async (groupId, accountId) => (await groups.member(groupId, accountId))?.name ?? null,
    keptAfterEndMs: MEETING_KEPT_AFTER_END_MS,
  });
  const reportRetentionMs = config.REPORT_RETENTION_DAYS * 24 * 3600_000;
  const moderationStore = redis
    ? createRedisModerationStore(redis, prefix, reportRetentionMs)
    : createMemoryModerationStore(Date.now, reportRetentionMs);
  const careStore = redis ? createRedisCareStore(redis, prefix) : createMemoryCareStore();
  const moderation: ModerationService = createModerationService({
    store: moderationStore,
    care: careStore,
    groups,
    messages,
    accounts: {
      roleOf: accounts.roleOf,
      findByPseudonym: accounts.findByPseudonym,
      invitedModerators: accounts.invitedModerators,
      pseudonymOf: accounts.pseudonymOf,
    },
    endAllSessions: (accountId) => accounts.endAllSessions(accountId),
    publish: (topic, data) => bus.publish(topic, data),
    notify: createNotifier(io),
    secret: config.pepper,
    refusedAlertLimit: createRateLimit({
      redis,
      keyPrefix: keyPrefixFor(prefix, 'moderation.refusedAlertRate'),
      points: config.REFUSED_ALERTS_PER_HOUR,
      durationSeconds: 3600,
      message: 'Too many refused messages in a short time.',
    }),
    guards: {
      blockedTerms: config.blockedTerms,
      schoolNames: config.schoolNames,
      // A getter: the contacts a coordinator sets in the app reach the message path without a restart.
      get crisisResources() {
        return crisisContacts.current();
      },
    },
  });
  registerModerationTopics(bus, io, moderation);
  resync = () => {
    moderation.clearCaches();
    io.local.emit('groups:resync', {});
    // Kicks and bans published meanwhile did not take this node's sockets out of those groups' rooms.
    void recheckOpenGroups(io, groups, log).catch((err: unknown) =>
      log.warn({ err: String(err) }, 'checking open groups after a resync failed'),
    );
  };
  moderation.warmGuards();
  const consultationStore = redis
    ? createRedisConsultationStore(redis, prefix)
    : createMemoryConsultationStore(keyBundles);
  const consultations = createConsultationService({
    store: consultationStore,
    pepper: config.pepper,
    offerMs: config.OFFER_HOURS * 3600_000,
    maxMessages: config.CONVO_MAX_MESSAGES,
    retentionMs: config.CONSULTATION_RETENTION_DAYS * 86_400_000,
    notify: createConsultationNotifier(io),
    roleOf: (accountId) => accounts.roleOf(accountId),
    checkText: (text, opts) => moderation.checkText(text, opts),
    audit: (p, target, reason) => moderation.audit(p, 'assign-consultant', null, target, reason),
    isBanned: async (accountId) => (await moderation.activeGlobalBan(accountId)) !== null,
  });
  const retention = createRetentionService({
    store: redis ? createRedisRetentionStore(redis, prefix) : createMemoryRetentionStore(),
    maxDays: config.HISTORY_RETENTION_DAYS,
    isMember: async (accountId, groupId) => (await groups.member(groupId, accountId)) !== null,
    moderatedGroupIds: (accountId) => moderation.moderatedGroupIds(accountId),
    isModeratorOf: (p, groupId) => moderation.isModeratorOf(p, groupId),
    groupExists: async (groupId) => (await groups.name(groupId)) !== null,
    audit: (p, groupId, target, reason) => moderation.audit(p, 'history-retention', groupId, target, reason),
  });
  const wellnessStore = redis ? createRedisWellnessStore(redis, prefix) : createMemoryWellnessStore();
  const wellness = createWellnessService({
    store: wellnessStore,
    pepper: config.pepper,
    k: config.PULSE_K,
    batchMin: config.PULSE_BATCH_MIN,
    flushMs: config.PULSE_FLUSH_SECONDS * 1000,
    weekStartDay: config.PULSE_WEEK_START_DAY,
    retentionWeeks: config.PULSE_RETENTION_WEEKS,
    // Cohorts are fixed and non-overlapping, decided now, from what the other capabilities know.
    cohortOf: async (accountId) =>
      (await consultations.inSupport(accountId))
        ? 'one-to-one'
        : (await groups.groupCountOf(accountId)) > 0
          ? 'groups-only'
          : 'neither',
    // Teachers signed up: the uses of member invites (accounts are never listed).
    teacherCount: async () =>
      (await accountStore.listInvites()).filter((i) => i.role === 'member').reduce((s, i) => s + i.uses, 0),
    activity: async () => {
      const [membership, support] = await Promise.all([
        groups.membershipCounts(),
        consultations.programmeCounts(),
      ]);
      return { groups: membership.groups, groupMembers: membership.members, ...support };
    },
    supportRecords: () => consultations.supportRecords(),
    // Teachers in support now, and teachers in a group but not in support (once a week, when a week closes).
    cohortCounts: async () => {
      const [records, all] = await Promise.all([consultations.supportRecords(), groups.allGroups()]);
      const supported = new Set(
        records.conversations.filter((c) => c.status !== 'closed').map((c) => c.teacherId),
      );
      const members = new Set(
        (await Promise.all(all.map((g) => groups.members(g.id)))).flat().map((m) => m.accountId),
      );
      const others = [...members].filter((id) => !supported.has(id));
      const roles = await Promise.all(others.map((id) => accounts.roleOf(id)));
      const inGroupsOnly = roles.filter((role) => role === 'member').length;
      return { inSupport: supported.size, inGroupsOnly };
    },
    closingFeedback: () => consultations.closingFeedback(),
    guards: {
      schoolNames: config.schoolNames,
      // The same getter moderation reads: contacts set in the app reach a worried writer here too.
      get crisisResources() {
        return crisisContacts.current();
      },
    },
    writeLimit: createRateLimit({
      redis,
      keyPrefix: wellnessKeys(prefix).writeRate(),
      points: config.PULSE_WRITES_PER_HOUR,
      durationSeconds: 3600,
      message: 'Too many pulse answers or comments in a short time. Try again later.',
    }),
    clock: config.PULSE_TEST_CLOCK
      ? async () => (await wellnessStore.testClock()) ?? Date.now()
      : async () => Date.now(),
    log,
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
    keyPrefix: keyPrefixFor(prefix, 'platform.joinRate'),
    points: config.JOIN_LIMIT_PER_MINUTE,
    durationSeconds: 60,
    message: 'Too many groups opened in a short time. Wait a moment.',
  });

  const privacyStores = {
    accounts,
    groups: groupStore,
    messages: messageStore,
    moderation: moderationStore,
    consultations: consultationStore,
    wellness: wellnessStore,
  };
  const erasure = createEraseService({
    ...privacyStores,
    care: careStore,
    notify: createErasureNotifier({
      io,
      bus,
      moderation,
      conversationChanged: createConsultationNotifier(io).conversation,
    }),
    forgetThrottles: forgetRedisThrottles(redis, prefix),
    persist: async () => {
      if (redis) await rewriteRedisFiles(redis, log);
    },
  });

  const routeLimit = createRouteLimits({ redis, prefix });
  const express = createHttpApp({
    log,
    metrics,
    origins,
    trustProxy: config.TRUST_PROXY,
    metricsAccess: config.METRICS_TOKEN
      ? { token: config.METRICS_TOKEN }
      : config.NODE_ENV === 'production'
        ? 'off'
        : 'open',
    clientDist: config.CLIENT_DIST,
    api: [
      createAccountRoutes({
        accounts,
        requireAuth,
        cookieSecure: config.COOKIE_SECURE,
        trustedDeviceMs: config.TRUSTED_DEVICE_DAYS * 24 * 3600_000,
        info: { embedded: config.embedded },
        crisisResources: async () => (await crisisContacts.get()).resources,
      }),
      createGroupRoutes(groups, requireAuth),
      createConsultationRoutes(consultations, requireAuth, routeLimit),
      createWellnessRoutes(wellness, requireAuth),
      createWorkshopRoutes(workshops, requireAuth, routeLimit),
      createSettingsRoutes(crisisContacts, requireAuth, routeLimit),
      createPrivacyRoutes({
        erase: erasure,
        exporter: createExportService(privacyStores),
        requireAuth,
        limit: routeLimit,
      }),
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

  const edge = createEventEdge(log, metrics, {
    admission: createAdmission({ redis, prefix, budgetPer10s: config.EVENT_BUDGET_PER_10S }),
    maxInFlight: config.SOCKET_MAX_IN_FLIGHT,
    abuseRefusals: config.SOCKET_ABUSE_REFUSALS,
    abuseWindowMs: 10_000,
  });
  io.use(createSocketAuth(accounts, log));
  io.use(createSocketCap(config.SOCKETS_PER_ACCOUNT).middleware);
  const sessionWatch = createSessionWatch(accounts, log, config.SESSION_RECHECK_SECONDS * 1000);
  watchGroupRooms(io, presence, log);
  // Every client event's handler, once per node; a connection only attaches the edge and joins its rooms.
  registerAccountHandlers(edge, accounts);
  registerGroupHandlers({
    io,
    edge,
    groups,
    presence,
    joinLimit,
    history: messages.open,
    posting: moderation.postingState,
    mayPost: moderation.postingPolicy,
    testPauseMs: config.TEST_GROUP_OPEN_PAUSE_MS,
    held: moderation.heldFor,
    follow: messages.follow,
  });
  registerMessageHandlers({ io, edge, messages, openGroupOf });
  registerConsultationHandlers({ edge, consultations, report: moderation.reportConversation });
  registerModerationHandlers(edge, moderation);
  registerRetentionHandlers({ io, edge, retention });
  io.on('connection', (socket) => {
    metrics.connectedSockets.inc();
    socket.on('disconnect', () => metrics.connectedSockets.dec());
    socket.data.openGroups = new Map();
    edge.attach(socket);
    accountConnected(socket, sessionWatch);
    void moderationConnected(socket, moderation, log);
  });
  presence.start();
  await deliverMessages(io, messages, {
    delivered: (frames, count) => {
      metrics.liveFrames.inc(frames);
      metrics.liveDeliveries.inc(count);
    },
  });
  const stopAnnouncer = startMeetingAnnouncer({
    groups,
    announce: async (groupId, text) => {
      await messages.announce(groupId, text);
      wellness.recordMeeting();
    },
    log,
  });
  // Crisis-flagged messages whose urgent item was never raised (a node died between the two steps): at start-up
  // and then every minute. Raising is idempotent, so every node may sweep.
  const sweepCrisis = () =>
    void groups
      .allGroups()
      .then((all) => messages.sweepCrisis(all.map((g) => g.id)))
      .then((raised) => {
        if (raised > 0) log.warn({ raised }, 'crisis items raised by the sweep');
      })
      .catch((err: unknown) => log.warn({ err: String(err) }, 'crisis sweep failed'));
  sweepCrisis();
  // Backfills of data written by older versions: once per deployment, one node at a time, in the background.
  if (redis)
    void runMigrations(
      redis,
      prefix,
      [
        nameSkeletonsBackfill(redis, prefix),
        trimmedReactionsBackfill(redis, prefix),
        retentionClocksBackfill(redis, prefix),
      ],
      log,
    );
  const crisisSweepTimer = setInterval(sweepCrisis, 60_000);
  crisisSweepTimer.unref();
  // Urgent alerts nobody acknowledged in time go to coordinators; every node checks, one claims each alert.
  const escalateMs = config.CRISIS_ESCALATE_MINUTES * 60_000;
  const escalateTimer = setInterval(
    () =>
      void moderation
        .escalateOverdue(escalateMs)
        .catch((err: unknown) => log.warn({ err: String(err) }, 'crisis escalation failed')),
    escalationCheckMs(config.CRISIS_ESCALATE_MINUTES),
  );
  escalateTimer.unref();
  // Offers nobody answered pass to the next consultant; every node polls, the store lets one win each.
  const offerTimer = setInterval(
    () =>
      void consultations
        .expireOffers()
        .catch((err: unknown) => log.warn({ err: String(err) }, 'offer expiry failed')),
    Math.min(30_000, Math.max(1_000, config.OFFER_HOURS * 3600_000)),
  );
  offerTimer.unref();
  // Retention (features/retention): every node tries on a timer, a Redis lock lets one sweep at a time.
  const sweeper = createSweeper({
    lock: redis
      ? createRedisSweepLock(redis, retentionKeys(prefix).sweepLock(), SWEEP_LOCK_MS)
      : createMemorySweepLock(),
    clock: Date.now,
    metrics,
    log,
    steps: retentionSteps(
      {
        groupIds: async () => (await groups.allGroups()).map((g) => g.id),
        trimMessages: messages.trimBefore,
        purgeConsultations: (at) => consultations.purgeFinished(at),
        purgeResolvedReports: moderation.purgeResolvedReports,
        purgeExpiredSanctions: async (at) =>
          moderation.purgeExpiredSanctions(
            (await groups.allGroups()).map((g) => g.id),
            at,
          ),
        trimAudit: moderation.trimAudit,
        pruneMeetings: groups.pruneMeetings,
      },
      retention,
      { reportDays: config.REPORT_RETENTION_DAYS, auditDays: config.AUDIT_RETENTION_DAYS },
    ),
  });
  const shortestRetentionMs =
    Math.min(
      config.HISTORY_RETENTION_DAYS,
      config.CONSULTATION_RETENTION_DAYS,
      config.REPORT_RETENTION_DAYS,
      config.AUDIT_RETENTION_DAYS,
    ) * 86_400_000;
  const retentionTimer = setInterval(
    () =>
      void sweeper.run().catch((err: unknown) => log.warn({ err: String(err) }, 'retention sweep failed')),
    Math.min(config.RETENTION_SWEEP_MINUTES * 60_000, Math.max(1_000, shortestRetentionMs / 4)),
  );
  retentionTimer.unref();
  const pulseTimer = setInterval(
    () => void wellness.tick().catch((err: unknown) => log.warn({ err: String(err) }, 'pulse flush failed')),
    config.PULSE_FLUSH_SECONDS * 1000,
  );
  pulseTimer.unref();

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
      restored.cancel();
      stopAnnouncer();
      clearInterval(offerTimer);
      clearInterval(retentionTimer);
      clearInterval(pulseTimer);
      // Held pulse answers are stored rather than lost (before Redis is closed below).
      await wellness.flushAll().catch((err: unknown) => log.warn({ err: String(err) }, 'pulse flush failed'));
      clearInterval(crisisSweepTimer);
      clearInterval(escalateTimer);
      sessionWatch.stop();
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
