import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SupportResource } from '@staffroom/shared/schemas/messages';

/** Shown when a deployment configures none: international lines a teacher in most English-speaking systems can use. */
export const DEFAULT_CRISIS_RESOURCES: SupportResource[] = [
  {
    name: '988 Suicide & Crisis Lifeline (US) / Talk Suicide Canada',
    contact: 'Call or text 988',
    hours: '24/7',
    call: '988',
    text: '988',
  },
  { name: 'Samaritans (UK and Ireland)', contact: 'Call 116 123', hours: '24/7', call: '116123' },
  {
    name: 'Lifeline (Australia)',
    contact: 'Call 13 11 14 or text 0477 13 11 14',
    hours: '24/7',
    call: '131114',
    text: '0477131114',
  },
  {
    name: 'Emergency services',
    contact: 'Call 911, 999, 112 or 000 if you are in immediate danger',
    hours: '24/7',
  },
];

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** Durations accept fractions, so tests can use seconds: `LOGIN_LOCK_MINUTES=0.05` is 3 s. */
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

/**
 * Every environment variable the server reads, with its default and what it does. The README's config table
 * is checked against this schema by a unit test, so the two cannot drift.
 */
export const configSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('`production` turns on Secure cookies by default and hides stack traces.'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on (`0.0.0.0` in containers).'),
  PORT: int(0, 65535).default(3000).describe('HTTP port; `0` picks a free one (tests).'),
  REDIS_URL: z
    .url()
    .optional()
    .describe('Redis 7 for durable, multi-process mode. Unset: embedded mode, in memory, one process.'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]{1,32}$/)
    .default('sr:')
    .describe('Prefix of every Redis key and pub/sub channel this deployment owns.'),
  REDIS_SHARDED_PUBSUB: bool
    .default(false)
    .describe('Use sharded pub/sub (`SPUBLISH`) for fan-out, for Redis Cluster.'),
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'host:port,host:port,…')
    .optional()
    .describe(
      'Redis Cluster instead of `REDIS_URL`: some of its nodes as `host:port,…` (docs/cluster.md). Every key of a group shares one hash slot, group messages go out with `SPUBLISH` on a per-group shard channel, and each node subscribes only to the groups its sockets have open.',
    ),
  REDIS_WAIT_TIMEOUT_MS: int(10, 10_000)
    .default(500)
    .describe(
      "Cluster mode: how long a group-message append waits (`WAIT 1`) for the shard's replica to confirm it before it is acknowledged anyway (a warning is logged). Shards without a replica do not wait.",
    ),
  PASSPHRASE_PEPPER: z
    .string()
    .min(32)
    .optional()
    .describe(
      'Secret (32+ chars) mixed into every passphrase hash; required with `REDIS_URL`. Keep it out of Redis.',
    ),
  BCRYPT_COST: int(10, 15).default(12).describe('bcrypt work factor (minimum 10).'),
  SESSION_IDLE_MINUTES: num(0.01, 60 * 24 * 30)
    .default(30)
    .describe('A session ends after this long without activity (an open connection counts as activity).'),
  SESSION_MAX_HOURS: int(1, 24 * 90)
    .default(12)
    .describe('A session ends this long after login, whatever happens.'),
  SESSION_RECHECK_SECONDS: num(0.1, 3_600)
    .default(30)
    .describe(
      'How often each node re-checks the sessions behind its open sockets (expiry, or a missed revocation) and slides them; an ended one is cut off within this.',
    ),
  LOGIN_MAX_FAILURES: int(1, 100)
    .default(5)
    .describe(
      'Failed log-ins on one pseudonym before delays start (doubling from 1 s); a browser the owner logged in from before is exempt.',
    ),
  LOGIN_LOCK_MINUTES: num(0.01, 24 * 60)
    .default(15)
    .describe('Longest delay between two evaluated log-in failures on one pseudonym (or one browser).'),
  LOGIN_FAILURES_PER_HOUR: int(1, 10_000)
    .default(100)
    .describe('Evaluated log-in failures per pseudonym per hour, whatever the delays (ASVS 2.2.1).'),
  LOGIN_SUCCESSES_PER_10_MINUTES: int(1, 1_000_000)
    .default(20)
    .describe(
      'Successful log-ins (and passphrase checks) one pseudonym may make per 10 minutes, trusted browsers included; each costs a bcrypt evaluation and starts a session.',
    ),
  LOGIN_ANONYMOUS_FAILURES_PER_MINUTE: int(1, 1_000_000)
    .default(60)
    .describe(
      'Failed log-ins per minute, across the whole deployment, from browsers without a known device token (spraying brake; the first refusal logs a warning).',
    ),
  TRUSTED_DEVICE_DAYS: num(0.0001, 400)
    .default(90)
    .describe('How long a browser stays trusted after a successful log-in from it.'),
  SEND_LIMIT_PER_10S: int(1, 100_000)
    .default(10)
    .describe('Messages one account may send per 10 seconds, across all nodes.'),
  REFUSED_ALERTS_PER_HOUR: int(1, 100_000)
    .default(30)
    .describe(
      'Urgent alerts one account may raise per hour, across all nodes, with messages refused (too long, a blocked term, muted, locked, identifying) that suggest risk. Over it the writer still gets the crisis contacts; moderators already hold that many alerts about them.',
    ),
  JOIN_LIMIT_PER_MINUTE: int(1, 100_000)
    .default(30)
    .describe('Group joins and opens one account may make per minute, across all nodes.'),
  SOCKET_MAX_IN_FLIGHT: int(1, 1_000)
    .default(8)
    .describe(
      'Events one socket may have unanswered at once; more are refused at once with `RATE_LIMITED`, never queued.',
    ),
  SOCKETS_PER_ACCOUNT: int(1, 10_000)
    .default(16)
    .describe(
      'Sockets one account may hold open on one node (tabs and devices); more are refused at the handshake with `RATE_LIMITED`.',
    ),
  EVENT_BUDGET_PER_10S: int(10, 1_000_000)
    .default(240)
    .describe(
      'Points one account may spend on socket events per 10 seconds, across all nodes (costs per event in `shared/src/protocol/event-costs.ts`).',
    ),
  SOCKET_ABUSE_REFUSALS: int(10, 1_000_000)
    .default(100)
    .describe(
      'Refused events within 10 seconds after which a socket is disconnected as a flood (a client that waits for its acks and honours `retryAfterMs` collects a handful).',
    ),
  HISTORY_MAX_MESSAGES: int(100, 10_000_000)
    .default(10_000)
    .describe('Messages kept per group; older ones are trimmed (a client that missed them is told).'),
  CONVO_MAX_MESSAGES: int(100, 1_000_000)
    .default(5_000)
    .describe(
      'Sealed messages kept per one-to-one conversation; older ones are trimmed (the participants are told).',
    ),
  REPORT_RETENTION_DAYS: num(0.0001, 3_650)
    .default(180)
    .describe('A report is deleted this long after it was resolved; open reports are kept until handled.'),
  PRESENCE_TTL_SECONDS: num(1, 600)
    .default(20)
    .describe('A member shown as present disappears this long after their node stops heartbeating (crash).'),
  OFFER_HOURS: num(0.0001, 24 * 14)
    .default(24)
    .describe('How long a consultant has to answer a support request before it passes to the next one.'),
  CONSULTATION_RETENTION_DAYS: num(0.0001, 3_650)
    .default(365)
    .describe(
      'A one-to-one conversation is deleted (messages, goals, check-ins) this long after it closed, and a support request this long after it was matched or withdrawn.',
    ),
  HISTORY_RETENTION_DAYS: num(0.0001, 3_650)
    .default(365)
    .describe(
      "Group messages older than this are deleted (text and reactions with them); the longest a group's moderators may choose, and what a group that chose nothing keeps.",
    ),
  AUDIT_RETENTION_DAYS: num(0.0001, 3_650)
    .default(730)
    .describe('Audit log entries older than this are deleted.'),
  RETENTION_SWEEP_MINUTES: num(0.01, 24 * 60)
    .default(60)
    .describe(
      'How often a node tries to run the retention sweep (one node at a time, by a Redis lock); never less often than a quarter of the shortest retention.',
    ),
  PULSE_K: int(5, 1000)
    .default(5)
    .describe('No wellness figure is shown that rests on fewer people than this (never below 5).'),
  PULSE_BATCH_MIN: int(5, 10_000)
    .default(10)
    .describe(
      'Pulse answers a node holds, as counts, before adding them to Redis at once (blunts timing); the week’s end flushes the rest.',
    ),
  PULSE_FLUSH_SECONDS: num(0.1, 3600)
    .default(60)
    .describe('How often each node looks for a pulse batch to flush.'),
  PULSE_WEEK_START_DAY: int(0, 6)
    .default(1)
    .describe('The day pulse weeks begin, at 00:00 UTC: 0 Sunday, 1 Monday … 6 Saturday.'),
  PULSE_RETENTION_WEEKS: int(1, 1040)
    .default(156)
    .describe('How long weekly pulse histograms and sealed personal histories are kept.'),
  PULSE_TEST_CLOCK: bool
    .default(false)
    .describe('Tests only (refused unless `NODE_ENV=test`): the pulse reads the time from a Redis key.'),
  PULSE_WRITES_PER_HOUR: int(1, 10_000)
    .default(30)
    .describe(
      'Pulse answers, personal-history saves and feedback-box comments one account may send per hour, across all nodes.',
    ),
  CRISIS_ESCALATE_MINUTES: num(0.01, 24 * 60)
    .default(15)
    .describe(
      'An urgent crisis alert no moderator has acknowledged (reached out, or handled) for this long is escalated to coordinators (admins), live.',
    ),
  BLOCKED_TERMS: z
    .string()
    .default('')
    .describe('Comma-separated terms refused in every group (groups can add their own).'),
  SCHOOL_NAMES: z
    .string()
    .default('')
    .describe('Comma-separated school and district names the privacy guard warns about.'),
  CRISIS_RESOURCES: z
    .string()
    .optional()
    .describe(
      "JSON list of `{ name, contact, hours, call?, text?, url? }` shown privately when a message suggests risk; `call`/`text` (digits, optional +) become tap-to-call and tap-to-text links, `url` an https link. Put the district's assistance programme first.",
    ),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .describe(
      'Comma-separated origins allowed to call the API and open sockets. Default: this server, by port.',
    ),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .optional()
    .describe(
      'Default `true` with `NODE_ENV=production`, else `auto`: Secure when the request came over TLS (set `TRUST_PROXY` behind a proxy).',
    ),
  TRUST_PROXY: bool
    .default(false)
    .describe('Trust `X-Forwarded-Proto` from the load balancer (for TLS detection).'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe(
      '`/metrics` requires `Authorization: Bearer <token>` when set. Unset: `/metrics` answers 404 with `NODE_ENV=production`, and is open otherwise.',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
    .default('info')
    .describe('pino level.'),
  SHUTDOWN_GRACE_MS: int(0, 120_000)
    .default(10_000)
    .describe('How long SIGTERM waits for connections to drain.'),
  CLIENT_DIST: z
    .string()
    .default(fileURLToPath(new URL('../../client/dist', import.meta.url)))
    .describe('Folder of the built client served at `/`.'),
  TEST_GROUP_OPEN_PAUSE_MS: int(0, 60_000)
    .default(0)
    .describe(
      'Tests only (refused unless `NODE_ENV=test`): `group:open` pauses this long before its room join and again before it marks the group open, to land a ban inside either window.',
    ),
});

export type Config = Omit<z.output<typeof configSchema>, 'COOKIE_SECURE'> & {
  COOKIE_SECURE: 'auto' | 'true' | 'false';
  /** True when there is no Redis: in-memory stores, one process, nothing kept. */
  embedded: boolean;
  pepper: string;
  blockedTerms: string[];
  schoolNames: string[];
  crisisResources: SupportResource[];
};

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export class ConfigError extends Error {}

/**
 * How often each node's escalator looks for urgent alerts older than `CRISIS_ESCALATE_MINUTES`: a quarter of that
 * timeout, between 1 and 30 s (an alert is escalated at most a quarter late). Tests wait out this many ticks.
 */
export const escalationCheckMs = (escalateMinutes: number): number =>
  Math.min(30_000, Math.max(1_000, (escalateMinutes * 60_000) / 4));

/** Parses the environment once. Throws a `ConfigError` naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const embedded = c.REDIS_URL === undefined && c.REDIS_CLUSTER_NODES === undefined;
  if (c.REDIS_URL !== undefined && c.REDIS_CLUSTER_NODES !== undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_CLUSTER_NODES: set either it or REDIS_URL, not both',
    );
  }
  if (!embedded && c.PASSPHRASE_PEPPER === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  PASSPHRASE_PEPPER: required with REDIS_URL or REDIS_CLUSTER_NODES (32+ random characters, e.g. `openssl rand -base64 48`)',
    );
  }
  if (c.PULSE_TEST_CLOCK && c.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration:\n  PULSE_TEST_CLOCK: only with NODE_ENV=test');
  }
  if (c.TEST_GROUP_OPEN_PAUSE_MS > 0 && c.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration:\n  TEST_GROUP_OPEN_PAUSE_MS: only with NODE_ENV=test');
  }
  let crisisResources = DEFAULT_CRISIS_RESOURCES;
  if (c.CRISIS_RESOURCES !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(c.CRISIS_RESOURCES);
    } catch {
      json = null;
    }
    const resources = z.array(SupportResource).min(1).safeParse(json);
    if (!resources.success) {
      throw new ConfigError(
        `Invalid configuration:\n  CRISIS_RESOURCES: a JSON list of { name, contact, hours, call?, text?, url? } (${resources.error.issues[0]?.path.join('.') ?? ''}: ${resources.error.issues[0]?.message ?? ''})`,
      );
    }
    crisisResources = resources.data;
  }
  return {
    ...c,
    // Production means a TLS-terminating proxy in front: cookies are Secure whatever a hop says about the scheme.
    COOKIE_SECURE: c.COOKIE_SECURE ?? (c.NODE_ENV === 'production' ? 'true' : 'auto'),
    embedded,
    pepper: c.PASSPHRASE_PEPPER ?? randomBytes(48).toString('base64'),
    blockedTerms: list(c.BLOCKED_TERMS),
    schoolNames: list(c.SCHOOL_NAMES),
    crisisResources,
  };
}
