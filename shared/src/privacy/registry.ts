/**
 * The registry of stored data: every Redis key pattern Staffroom writes, declared once, in plain words.
 *
 * The server builds every key through `keyFor` (`server/src/features/*\/*.keys.ts` are thin users of it), so a
 * key that is not declared here cannot be written; `tests/integration/privacy-registry.test.ts` fills a real
 * Redis through the real flows and checks that every key, hash field, stream field and JSON property it finds is
 * declared here. The privacy page (`/privacy`) is generated from this file.
 *
 * To add a key: add one entry to `STORED` below (id `area.name`, its `pattern` without the deployment prefix,
 * `<param>` for each part the store fills in, `<param*>` when that part may itself contain colons), then build
 * it with `keyFor(prefix, 'area.name', { param })` in the feature's `*.keys.ts`. A retention window set by
 * configuration is named in `retention.config` (the README lists the variables); add a new window there and the
 * page shows it. Fields: list every hash field (or `<id>` for fields named by an id), stream entry field, or
 * JSON property a value can hold; `optional` for those not always present.
 *
 * Pure data and pure functions only: the client imports it for the privacy page.
 */

/** Whose data it is: what erasure of an account, a group or a conversation reaches. */
export type Whose = 'account' | 'group' | 'conversation' | 'request' | 'deployment';

/** Who can see it through Staffroom (operators, with Redis access, can read everything stored). */
export type Viewer =
  | 'owner'
  | 'members'
  | 'moderators'
  | 'coordinators'
  | 'consultant'
  | 'conversation'
  | 'nobody'
  | 'operators';

/**
 * What deleting the account does to it: `erase` (deleted), `de-attribute` (kept, the link to the account
 * removed), `keep-without-identity` (kept, it never held the account's identity), `not-personal` (not about a
 * person: nothing to do).
 */
export type Erasure = 'erase' | 'de-attribute' | 'keep-without-identity' | 'not-personal';

/** How readable it is to whoever holds a copy of the store (the subpoena table). */
export type Form = 'readable' | 'ciphertext' | 'fingerprint' | 'metadata' | 'counts';

export type RedisType = 'string' | 'hash' | 'set' | 'zset' | 'list' | 'stream' | 'channel';

export interface Retention {
  /**
   * `ttl`: Redis expires it by itself; `rule`: the product deletes it when something happens (or a sweep finds
   * it old); `with`: kept exactly as long as what it belongs to (the account, group or conversation); `kept`: no
   * end set by the product.
   */
  kind: 'ttl' | 'rule' | 'with' | 'kept';
  /** In plain words, for the privacy page. */
  words: string;
  /** Configuration variables that set the window (README, "Configuration"). */
  config?: readonly string[];
}

export interface Field {
  /** A fixed field name, or a pattern such as `<groupId>` or `c:<kind>` for fields named by data. */
  name: string;
  holds: string;
  /** When the field's value is JSON: every property it may have. */
  json?: readonly string[];
  /** Not present in every key (written later, or only in some cases). */
  optional?: boolean;
}

export interface StoredData {
  /** The key without the deployment prefix; `<param>` parts are filled in by the store. */
  pattern: string;
  type: RedisType;
  /** A short name for the privacy page. */
  title: string;
  /** What it holds, in plain words. */
  holds: string;
  whose: Whose;
  /** Why it is kept. */
  why: string;
  retention: Retention;
  /** Who can see it through Staffroom. */
  seenBy: readonly Viewer[];
  erasure: Erasure;
  form: Form;
  /** Hash fields, stream entry fields, or the JSON properties of a string or list element. */
  fields?: readonly Field[];
  /** For a string or list element holding JSON, or a set/zset: what one member or the value is. */
  value?: string;
}

const CONVO_RETENTION = ['CONSULTATION_RETENTION_DAYS'] as const;
const REQUEST_JSON = [
  'id',
  'teacherId',
  'grades',
  'subjects',
  'reasons',
  'focus',
  'workStyles',
  'preferredTimes',
  'hasNote',
  'urgent',
  'kind',
  'schoolHash',
  'districtHash',
  'status',
  'createdAt',
  'offeredTo',
  'offerExpiresAt',
  'matchedOn',
  'passed',
  'conversationId',
  'finishedAt',
  'reciprocal',
  'widen',
] as const;
const SEALED_JSON = ['ciphertext', 'iv', 'meta'] as const;

/** Every key Staffroom writes. Keep ids stable: the stores and the test name them. */
export const STORED = {
  // ─── accounts ──────────────────────────────────────────────────────────────────────────────────────────────
  'accounts.account': {
    pattern: 'account:<accountId>',
    type: 'hash',
    title: 'Your account',
    holds:
      'Your pseudonym, its comparison form, your role, when you signed up, and a hash of your log-in secret.',
    whose: 'account',
    why: 'So you can log in and others see the name you chose.',
    retention: { kind: 'with', words: 'As long as your account.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      { name: 'id', holds: 'the account id' },
      { name: 'pseudonym', holds: 'the pseudonym you chose' },
      { name: 'skeleton', holds: 'its comparison form (so look-alike names are refused)' },
      {
        name: 'passHash',
        holds: 'bcrypt of a keyed hash of the secret your browser derives; never the passphrase',
      },
      { name: 'createdAt', holds: 'when you signed up' },
      { name: 'role', holds: 'teacher, consultant, moderator or coordinator' },
      {
        name: 'erasing',
        holds:
          'only while you delete your account: your choice for your group messages and the names to take out of the moderation log, until the erasure ends with the whole record',
        json: ['messages', 'names', 'since'],
        optional: true,
      },
    ],
  },
  'accounts.passphraseLock': {
    pattern: 'account:<accountId>:passphrase-lock',
    type: 'string',
    title: 'Passphrase change in progress (Redis Cluster)',
    holds: 'A marker held for a few seconds while your passphrase change runs its two steps.',
    whose: 'account',
    why: 'So two passphrase changes never interleave.',
    retention: { kind: 'ttl', words: 'Seconds: deleted when the change ends.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a random token',
  },
  'accounts.pseudonym': {
    pattern: 'pseudonym:<skeleton>',
    type: 'string',
    title: 'Pseudonym taken',
    holds: 'Which account uses a pseudonym, so no two people share one.',
    whose: 'account',
    why: 'Pseudonyms must be unique.',
    retention: { kind: 'with', words: 'As long as your account.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'the account id',
  },
  'accounts.session': {
    pattern: 'session:<tokenHash>',
    type: 'hash',
    title: 'Sessions',
    holds:
      'One logged-in browser: when it started and was last used, and a coarse label like "Firefox on Windows". Found by a hash of the cookie, never the cookie.',
    whose: 'account',
    why: 'So you stay logged in, and can see and end your sessions in settings.',
    retention: {
      kind: 'ttl',
      words: 'Ends after a while without activity, and at most some hours after logging in.',
      config: ['SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS'],
    },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      { name: 'id', holds: 'the session id shown in settings' },
      { name: 'accountId', holds: 'whose session' },
      { name: 'createdAt', holds: 'log-in time' },
      { name: 'lastSeenAt', holds: 'last activity' },
      { name: 'device', holds: 'a coarse browser and system label, never the full user agent' },
    ],
  },
  'accounts.sessions': {
    pattern: 'account:<accountId>:sessions',
    type: 'hash',
    title: 'Your list of sessions',
    holds: 'The ids of your sessions, to list and end them.',
    whose: 'account',
    why: 'So "log out everywhere" and the session list work.',
    retention: {
      kind: 'rule',
      words: 'Ended sessions are dropped from it; the rest as long as your account.',
    },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<sessionId>', holds: 'hash of the session cookie' }],
  },
  'accounts.invite': {
    pattern: 'invite:<codeHash>',
    type: 'hash',
    title: 'Invites',
    holds:
      'An invite a coordinator made: its role, uses, expiry and note. Found by a hash of the code; the code itself is never stored.',
    whose: 'deployment',
    why: 'Staffroom is by invitation only.',
    retention: { kind: 'ttl', words: 'A week after the invite expires.' },
    seenBy: ['coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    fields: [
      { name: 'id', holds: 'invite id' },
      { name: 'codeHash', holds: 'SHA-256 of the code' },
      { name: 'role', holds: 'role it grants' },
      { name: 'maxUses', holds: 'how many sign-ups it allows' },
      { name: 'uses', holds: 'how many used it (a count, not who)' },
      { name: 'expiresAt', holds: 'expiry' },
      { name: 'createdAt', holds: 'when made' },
      { name: 'revoked', holds: 'whether withdrawn' },
      { name: 'note', holds: "the coordinator's own note" },
    ],
  },
  'accounts.inviteIndex': {
    pattern: 'invites',
    type: 'hash',
    title: 'Invite list',
    holds: "The coordinators' list of invites.",
    whose: 'deployment',
    why: 'So coordinators can see and withdraw invites.',
    retention: { kind: 'rule', words: 'An entry goes once its invite has expired.' },
    seenBy: ['coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    fields: [{ name: '<inviteId>', holds: 'hash of the invite code' }],
  },
  // ─── retention ─────────────────────────────────────────────────────────────────────────────────────────────
  'retention.sweepLock': {
    pattern: 'retention:lock',
    type: 'string',
    title: 'Retention sweep lock',
    holds: 'A random token of the server process running the retention sweep, so one runs at a time.',
    whose: 'deployment',
    why: 'So two servers never delete the same data at once.',
    retention: { kind: 'ttl', words: 'Deleted when the sweep ends; expires within a minute otherwise.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a random token',
  },
  'retention.groupDays': {
    pattern: 'grp:{<groupId>}:retention',
    type: 'string',
    title: 'How long a group keeps its messages',
    holds: 'The number of days this group’s moderators chose to keep its messages.',
    whose: 'group',
    why: 'Each group may keep its history for less time than the deployment does.',
    retention: {
      kind: 'with',
      words: 'As long as the group; gone when its moderators go back to the default.',
      config: ['HISTORY_RETENTION_DAYS'],
    },
    seenBy: ['members', 'moderators', 'coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a number of days',
  },
  'settings.crisisContacts': {
    pattern: 'settings:crisis-contacts',
    type: 'string',
    title: 'Crisis contacts',
    holds:
      'The crisis contacts a coordinator set in the app: helplines and the district’s assistance programme, with their numbers and hours. Nothing about a person.',
    whose: 'deployment',
    why: 'They are shown privately to anyone whose words suggest risk.',
    retention: {
      kind: 'rule',
      words: 'Until a coordinator replaces them or goes back to the configured ones.',
    },
    seenBy: ['members', 'coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'readable',
    fields: [
      { name: 'resources', holds: 'the contacts, in order' },
      { name: 'updatedAt', holds: 'when a coordinator last saved them' },
    ],
  },
  'accounts.kdfSalt': {
    pattern: 'kdf-salt',
    type: 'string',
    title: 'Deployment salt',
    holds: 'A random public value every browser mixes into passphrase stretching.',
    whose: 'deployment',
    why: 'Every passphrase derivation depends on it.',
    retention: { kind: 'kept', words: 'As long as the deployment.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'random bytes',
  },
  'accounts.bootstrap': {
    pattern: 'bootstrap',
    type: 'string',
    title: 'First start',
    holds: 'When the first coordinator invite was printed.',
    whose: 'deployment',
    why: 'So it is printed only once.',
    retention: { kind: 'kept', words: 'As long as the deployment.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a time',
  },
  'accounts.loginThrottle': {
    pattern: 'login:<throttle*>',
    type: 'hash',
    title: 'Log-in counters',
    holds:
      'How many log-ins failed for a pseudonym (or a browser, or everyone together) and when the next try is allowed; how many succeeded for a pseudonym in the last 10 minutes. Never an address.',
    whose: 'account',
    why: 'To slow down passphrase guessing, and one account logging in without end.',
    retention: {
      kind: 'ttl',
      words:
        'Minutes to an hour after the last failure; 10 minutes after a success. Deleted when the account is erased.',
      config: ['LOGIN_LOCK_MINUTES'],
    },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    fields: [
      { name: 'n', holds: 'failures counted' },
      { name: 'next', holds: 'earliest next try' },
      { name: 'since', holds: 'start of the counting window' },
    ],
  },
  'accounts.devices': {
    pattern: 'account:<accountId>:devices',
    type: 'zset',
    title: 'Trusted browsers',
    holds: 'Hashes of the browsers you logged in from, and until when they are trusted.',
    whose: 'account',
    why: 'So guessing by others never locks you out of your own browser.',
    retention: { kind: 'ttl', words: 'Until the trust ends.', config: ['TRUSTED_DEVICE_DAYS'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a hash of a random browser token, scored by its expiry',
  },
  'accounts.device': {
    pattern: 'device:<deviceHash>',
    type: 'string',
    title: 'Known browser',
    holds: 'Which account last trusted a browser token.',
    whose: 'account',
    why: 'So a known browser is not slowed down with strangers.',
    retention: { kind: 'ttl', words: 'Until the trust ends.', config: ['TRUSTED_DEVICE_DAYS'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'the account id',
  },
  // ─── groups ────────────────────────────────────────────────────────────────────────────────────────────────
  'groups.all': {
    pattern: 'groups',
    type: 'set',
    title: 'Group list',
    holds: 'The ids of every group.',
    whose: 'deployment',
    why: 'To list groups.',
    retention: { kind: 'with', words: 'Until a group is deleted.' },
    seenBy: ['members', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a group id',
  },
  'groups.group': {
    pattern: 'grp:{<groupId>}',
    type: 'hash',
    title: 'Groups',
    holds: 'A group: name, topic, description, guidelines, visibility and join code.',
    whose: 'group',
    why: 'The group itself.',
    retention: { kind: 'with', words: 'Until the group is deleted.' },
    seenBy: ['members', 'moderators', 'coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'readable',
    fields: [
      { name: 'id', holds: 'group id' },
      { name: 'name', holds: 'name' },
      { name: 'topic', holds: 'topic' },
      { name: 'description', holds: 'description' },
      { name: 'guidelines', holds: 'guidelines' },
      { name: 'guidelinesVersion', holds: 'guidelines version' },
      { name: 'visibility', holds: 'open or invite-only' },
      { name: 'joinCode', holds: 'the code that lets someone join an invite-only group' },
      { name: 'createdAt', holds: 'created' },
      { name: 'updatedAt', holds: 'last changed' },
    ],
  },
  'groups.joinCode': {
    pattern: 'grp-code:<code>',
    type: 'string',
    title: 'Join codes',
    holds: 'Which group an invite-only join code opens.',
    whose: 'group',
    why: 'To join by code.',
    retention: { kind: 'rule', words: 'Until the code is rotated or the group deleted.' },
    seenBy: ['moderators', 'coordinators', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a group id',
  },
  'groups.members': {
    pattern: 'grp:{<groupId>}:members',
    type: 'hash',
    title: 'Group memberships',
    holds: 'Who is in a group, the name they use there (pseudonym or per-group alias), and when they joined.',
    whose: 'account',
    why: 'To know who may read and post, and what name to show.',
    retention: { kind: 'rule', words: 'Until you leave, are removed, or the group is deleted.' },
    seenBy: ['members', 'moderators', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      {
        name: '<accountId>',
        holds: 'the membership',
        json: ['groupId', 'accountId', 'tag', 'name', 'aliasSkeleton', 'joinedAt'],
      },
    ],
  },
  'groups.tags': {
    pattern: 'grp:{<groupId>}:tags',
    type: 'hash',
    title: 'Membership tags',
    holds: 'An opaque per-membership id shown to others instead of anything account-wide.',
    whose: 'account',
    why: 'So moderators act on what they see without learning account ids.',
    retention: { kind: 'rule', words: 'Until you leave the group.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<tag>', holds: 'the account id' }],
  },
  'groups.aliases': {
    pattern: 'grp:{<groupId>}:aliases',
    type: 'hash',
    title: 'Per-group names taken',
    holds: 'Which per-group alias is taken, so two members cannot share one.',
    whose: 'account',
    why: 'Names must be unique within a group.',
    retention: { kind: 'rule', words: 'Until you leave the group.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<aliasSkeleton>', holds: 'the account id' }],
  },
  'groups.meetings': {
    pattern: 'grp:{<groupId>}:meetings',
    type: 'hash',
    title: 'Meetings',
    holds:
      "A group's meetings: title, format, agenda, start, length, whether members sign up, and the host's name in the group.",
    whose: 'group',
    why: 'To announce and list meetings.',
    retention: { kind: 'rule', words: 'A day after the meeting ended.' },
    seenBy: ['members', 'moderators', 'operators'],
    erasure: 'de-attribute',
    form: 'readable',
    fields: [
      {
        name: '<meetingId>',
        holds: 'the meeting',
        json: ['id', 'groupId', 'title', 'startsAt', 'durationMinutes', 'host', 'format', 'agenda', 'signUp'],
      },
    ],
  },
  'groups.meetingsDue': {
    pattern: 'meetings-due',
    type: 'zset',
    title: 'Meetings about to start',
    holds: 'Which meetings start when, to announce them.',
    whose: 'deployment',
    why: 'To announce a meeting as it starts.',
    retention: { kind: 'rule', words: 'An entry goes when its meeting starts.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: '"<groupId> <meetingId>" scored by start time',
  },
  'groups.presence': {
    pattern: 'grp:{<groupId>}:presence',
    type: 'zset',
    title: 'Who is here now',
    holds: 'Who has a group open right now (their name in the group).',
    whose: 'account',
    why: 'To show who is present.',
    retention: { kind: 'ttl', words: 'Seconds after you close the group.', config: ['PRESENCE_TTL_SECONDS'] },
    seenBy: ['members', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: '"tag|node|name" scored by expiry',
  },
  'groups.accountGroups': {
    pattern: 'account:<accountId>:groups',
    type: 'set',
    title: 'Your groups',
    holds: 'The groups you are a member of.',
    whose: 'account',
    why: 'To list your groups.',
    retention: { kind: 'rule', words: 'An entry goes when you leave.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a group id',
  },
  'groups.readMarks': {
    pattern: 'account:<accountId>:read',
    type: 'hash',
    title: 'Read marks',
    holds: 'How far you have read in each group.',
    whose: 'account',
    why: 'To count unread messages.',
    retention: { kind: 'with', words: 'As long as your account.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<groupId>', holds: 'the last message number read' }],
  },
  'groups.accepted': {
    pattern: 'account:<accountId>:guidelines',
    type: 'hash',
    title: 'Guidelines accepted',
    holds: "Which version of each group's guidelines you accepted.",
    whose: 'account',
    why: 'So you accept changed guidelines before posting again.',
    retention: { kind: 'with', words: 'As long as your account.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<groupId>', holds: 'guidelines version' }],
  },
  // ─── messages ──────────────────────────────────────────────────────────────────────────────────────────────
  'messages.stream': {
    pattern: 'grp:{<groupId>}:msgs',
    type: 'stream',
    title: 'Group messages (who and when)',
    holds: 'For each group message: who sent it, under which name, and when. The text is kept apart.',
    whose: 'group',
    why: 'The group history.',
    retention: {
      kind: 'rule',
      words:
        'The newest messages of each group, and none older than the group’s window (its moderators may choose fewer days than the deployment keeps); older ones are trimmed.',
      config: ['HISTORY_MAX_MESSAGES', 'HISTORY_RETENTION_DAYS'],
    },
    seenBy: ['members', 'moderators', 'operators'],
    erasure: 'de-attribute',
    form: 'metadata',
    fields: [
      { name: 'k', holds: 'kind (text or system)' },
      { name: 'a', holds: 'the sender account id' },
      { name: 'g', holds: "the sender's membership tag" },
      { name: 'n', holds: "the sender's name in the group" },
      { name: 'c', holds: "the sender's client id (to avoid duplicates)" },
      { name: 't', holds: 'time' },
    ],
  },
  'messages.texts': {
    pattern: 'grp:{<groupId>}:texts',
    type: 'hash',
    title: 'Group message text',
    holds: 'The text of each group message. Group messages are moderated, not encrypted.',
    whose: 'group',
    why: 'The group history; kept apart so removing a message really erases its text.',
    retention: {
      kind: 'rule',
      words: 'With its message: trimmed or removed together.',
      config: ['HISTORY_MAX_MESSAGES', 'HISTORY_RETENTION_DAYS'],
    },
    seenBy: ['members', 'moderators', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [{ name: '<seq>', holds: 'the text (empty once removed)' }],
  },
  'messages.seq': {
    pattern: 'grp:{<groupId>}:seq',
    type: 'string',
    title: 'Message counter',
    holds: "The number of a group's last message.",
    whose: 'group',
    why: 'To order messages.',
    retention: { kind: 'with', words: 'As long as the group.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'counts',
    value: 'a number',
  },
  'messages.clientId': {
    pattern: 'grp:{<groupId>}:cid:<accountId>:<clientId*>',
    type: 'string',
    title: 'Recently sent',
    holds: 'That a message was already stored, so a retry is not posted twice.',
    whose: 'account',
    why: 'No duplicate messages on a flaky connection.',
    retention: { kind: 'ttl', words: 'A day.' },
    seenBy: ['nobody', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: '"<seq>:<time>"',
  },
  'messages.reactions': {
    pattern: 'grp:{<groupId>}:rx:<seq>',
    type: 'hash',
    title: 'Reactions',
    holds: 'Reaction counts on a message, and who reacted (so you can take yours back).',
    whose: 'group',
    why: 'To show and undo reactions.',
    retention: { kind: 'rule', words: 'With its message.', config: ['HISTORY_MAX_MESSAGES'] },
    seenBy: ['members', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      { name: 'c:<kind>', holds: 'how many reacted this way' },
      { name: 'm:<kind>:<accountId>', holds: 'that this account reacted this way' },
    ],
  },
  'messages.crisis': {
    pattern: 'grp:{<groupId>}:crisis',
    type: 'zset',
    title: 'Crisis flags in flight',
    holds: 'Messages the crisis check flagged whose alert to moderators is not yet raised.',
    whose: 'group',
    why: 'So no alert is lost if a server stops.',
    retention: { kind: 'rule', words: 'Seconds: until the alert is raised.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a message number',
  },
  'messages.live': {
    pattern: 'msgs:live',
    type: 'channel',
    title: 'Live delivery',
    holds: 'Nothing: a channel messages pass through to members who are online.',
    whose: 'deployment',
    why: 'Live delivery across servers.',
    retention: { kind: 'rule', words: 'Nothing is stored.' },
    seenBy: ['members', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
  },
  'messages.liveShard': {
    pattern: 'grp:{<groupId>}:live',
    type: 'channel',
    title: 'Live delivery of one group (Redis Cluster)',
    holds:
      'Nothing: a per-group channel messages pass through to members who are online (Redis Cluster mode).',
    whose: 'group',
    why: 'Live delivery across servers, only to the servers with the group open.',
    retention: { kind: 'rule', words: 'Nothing is stored.' },
    seenBy: ['members', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
  },
  'messages.sendRate': {
    pattern: 'rate:send:<accountId>',
    type: 'string',
    title: 'Send limit',
    holds: 'How many messages you sent in the last few seconds.',
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'Ten seconds.', config: ['SEND_LIMIT_PER_10S'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'messages.slowRate': {
    pattern: 'grp:{<groupId>}:slow:<accountId>',
    type: 'string',
    title: 'Slow mode',
    holds: 'That you posted recently in a group in slow mode.',
    whose: 'account',
    why: 'Slow mode.',
    retention: { kind: 'ttl', words: "The group's slow-mode window." },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: '1',
  },
  // ─── moderation ────────────────────────────────────────────────────────────────────────────────────────────
  'moderation.settings': {
    pattern: 'grp:{<groupId>}:moderation',
    type: 'hash',
    title: 'Group moderation settings',
    holds: 'Whether a group is locked, its slow mode, and its blocked terms.',
    whose: 'group',
    why: 'Moderation.',
    retention: { kind: 'with', words: 'As long as the group.' },
    seenBy: ['moderators', 'operators'],
    erasure: 'not-personal',
    form: 'readable',
    fields: [
      { name: 'locked', holds: 'locked or not' },
      { name: 'slowSeconds', holds: 'slow mode' },
      { name: 'blockedTerms', holds: 'blocked terms (JSON list)' },
      { name: 'careCard', holds: 'whether the "how to respond" card for peers is pinned', optional: true },
      {
        name: 'holdFlagged',
        holds: 'whether messages that may signal risk are held for review',
        optional: true,
      },
    ],
  },
  'moderation.moderators': {
    pattern: 'grp:{<groupId>}:moderators',
    type: 'set',
    title: 'Group moderators',
    holds: "A group's moderators.",
    whose: 'account',
    why: 'Who may moderate.',
    retention: { kind: 'rule', words: 'Until the role is removed.' },
    seenBy: ['moderators', 'coordinators', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'an account id',
  },
  'moderation.moderates': {
    pattern: 'account:<accountId>:moderates',
    type: 'set',
    title: 'Groups you moderate',
    holds: 'The groups you moderate.',
    whose: 'account',
    why: 'To open the moderator console.',
    retention: { kind: 'rule', words: 'Until the role is removed.' },
    seenBy: ['owner', 'coordinators', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a group id',
  },
  'moderation.mutes': {
    pattern: 'grp:{<groupId>}:mutes',
    type: 'hash',
    title: 'Mutes',
    holds: 'Who is muted in a group, until when, and why.',
    whose: 'account',
    why: 'Moderation.',
    retention: { kind: 'rule', words: 'Until unmuted, or until the retention sweep after the mute ended.' },
    seenBy: ['moderators', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [{ name: '<accountId>', holds: 'the mute', json: ['until', 'reason'] }],
  },
  'moderation.bans': {
    pattern: 'grp:{<groupId>}:bans',
    type: 'hash',
    title: 'Group bans',
    holds: 'Who is banned from a group, the name they had there, until when, and why.',
    whose: 'account',
    why: 'Moderation.',
    retention: {
      kind: 'rule',
      words: 'Until unbanned; a ban for a time goes with the retention sweep after it ended.',
    },
    seenBy: ['moderators', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [
      {
        name: '<accountId>',
        holds: 'the ban',
        json: ['id', 'groupId', 'accountId', 'name', 'until', 'reason', 'at'],
      },
    ],
  },
  'moderation.globalBans': {
    pattern: 'bans',
    type: 'hash',
    title: 'Bans from Staffroom',
    holds: 'Who is banned from Staffroom altogether, until when, and why.',
    whose: 'account',
    why: 'Moderation.',
    retention: {
      kind: 'rule',
      words: 'Until unbanned; a ban for a time goes with the retention sweep after it ended.',
    },
    seenBy: ['coordinators', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [
      {
        name: '<accountId>',
        holds: 'the ban',
        json: ['id', 'groupId', 'accountId', 'name', 'until', 'reason', 'at'],
      },
    ],
  },
  'moderation.banIds': {
    pattern: 'ban-ids',
    type: 'hash',
    title: 'Ban index',
    holds: 'Where each ban is, to lift it by the id moderators see.',
    whose: 'account',
    why: 'Unbanning.',
    retention: {
      kind: 'rule',
      words: 'Until unbanned, or with its ban when the retention sweep removes it.',
    },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<banId>', holds: '"<groupId or *>|<accountId>"' }],
  },
  'moderation.report': {
    pattern: 'report:<reportId>',
    type: 'string',
    title: 'Reports',
    holds:
      'A report: which message, the reason, the note, who reported it; for a one-to-one conversation only which one and which message number, never its text. Crisis alerts are reports too.',
    whose: 'group',
    why: 'So moderators can act on harm.',
    retention: {
      kind: 'rule',
      words: 'Open reports until handled; then deleted some days later.',
      config: ['REPORT_RETENTION_DAYS'],
    },
    seenBy: ['moderators', 'coordinators', 'operators'],
    erasure: 'de-attribute',
    form: 'readable',
    fields: [
      { name: 'id', holds: 'report id' },
      { name: 'groupId', holds: 'the group (empty for one-to-one)' },
      { name: 'seq', holds: 'the message number' },
      { name: 'reason', holds: 'reason' },
      { name: 'note', holds: "the reporter's note" },
      { name: 'reporterId', holds: 'who reported (empty for the crisis check)' },
      { name: 'urgent', holds: 'urgent or not' },
      { name: 'status', holds: 'open or handled' },
      { name: 'createdAt', holds: 'when' },
      { name: 'outcome', holds: 'what moderators did', optional: true },
      { name: 'conversationId', holds: 'the one-to-one conversation', optional: true },
      { name: 'subjectId', holds: 'for a crisis alert, who may be at risk', optional: true },
      { name: 'acknowledgedAt', holds: 'when a moderator reached out', optional: true },
      { name: 'refused', holds: 'the message was refused, so no text is kept', optional: true },
      {
        name: 'refusedFor',
        holds: 'why it was refused (a blocked term, too long, muted, locked, identifying details)',
        optional: true,
      },
      { name: 'resolvedAt', holds: 'when it was handled (the retention clock)', optional: true },
      { name: 'acknowledgedBy', holds: 'the moderator who acknowledged an at-risk alert', optional: true },
      {
        name: 'subjectErased',
        holds: 'the member a crisis alert was about deleted their account (no longer counted or escalated)',
        optional: true,
      },
      {
        name: 'held',
        holds: 'for a message held for review: pending, released or kept hidden',
        optional: true,
      },
      {
        name: 'heldText',
        holds: 'the held message, only until a moderator decides (then erased)',
        optional: true,
      },
      {
        name: 'heldClientId',
        holds: "the held message's client id (so a retry is not stored twice)",
        optional: true,
      },
      { name: 'heldTag', holds: "the sender's membership tag, for a held message", optional: true },
      { name: 'heldName', holds: "the sender's name in the group, for a held message", optional: true },
    ],
  },
  'moderation.resolvedReports': {
    pattern: 'reports:resolved',
    type: 'zset',
    title: 'Handled reports',
    holds: 'The ids of handled reports, by when they were handled.',
    whose: 'deployment',
    why: 'So the retention sweep deletes each report the set number of days after it was handled.',
    retention: {
      kind: 'rule',
      words: 'An entry goes with its report.',
      config: ['REPORT_RETENTION_DAYS'],
    },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a report id scored by the time it was handled',
  },
  'moderation.reports': {
    pattern: 'reports',
    type: 'hash',
    title: 'Reports (older format)',
    holds: 'Reports stored before one key per report; never written now, drained as they are handled.',
    whose: 'group',
    why: 'Reading reports made by earlier versions.',
    retention: {
      kind: 'rule',
      words: 'An entry goes when its report is handled.',
      config: ['REPORT_RETENTION_DAYS'],
    },
    seenBy: ['moderators', 'coordinators', 'operators'],
    erasure: 'de-attribute',
    form: 'readable',
    fields: [{ name: '<reportId>', holds: 'report JSON' }],
  },
  'moderation.heldBy': {
    pattern: 'grp:{<groupId>}:held:<accountId>',
    type: 'set',
    title: 'Your messages held for review',
    holds: "Which of a member's messages in a group wait for a moderator's decision (their report ids).",
    whose: 'account',
    why: 'To cap how many messages one member has waiting, and to show the member their own.',
    retention: {
      kind: 'rule',
      words: 'An id leaves when a moderator decides; the key goes with its last id.',
    },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a report id',
  },
  'moderation.alertsAbout': {
    pattern: 'grp:{<groupId>}:alerts:<accountId>',
    type: 'set',
    title: 'Open crisis alerts about one member',
    holds: 'Which open alerts the crisis guard raised about a member in a group (their report ids).',
    whose: 'account',
    why: 'So the alerts about one person are one item, acted on together, however many other reports wait.',
    retention: {
      kind: 'rule',
      words:
        'An id leaves when its alert is handled or the member deletes their account; the key goes with its last id.',
    },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a report id',
  },
  'moderation.openReports': {
    pattern: 'reports:open:{<queue>}',
    type: 'zset',
    title: 'Report queues',
    holds: 'Open reports of a group (or of one-to-one support), urgent first.',
    whose: 'group',
    why: 'The moderators’ queue.',
    retention: { kind: 'rule', words: 'A report leaves when handled.' },
    seenBy: ['moderators', 'operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a report id',
  },
  'moderation.urgentReports': {
    pattern: 'reports:urgent:{<queue>}',
    type: 'zset',
    title: 'Unanswered urgent items',
    holds:
      'Open urgent items of a group (or of one-to-one support) that no moderator has acknowledged yet, oldest first.',
    whose: 'group',
    why: 'So the urgent badge counts every one, and each is passed to coordinators if nobody answers in time, however many other reports wait.',
    retention: {
      kind: 'rule',
      words:
        'An item leaves when a moderator acknowledges or handles it, or when the member it is about deletes their account.',
    },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a report id scored by when it was raised',
  },
  'moderation.legacyOpenReports': {
    pattern: 'reports:open',
    type: 'zset',
    title: 'Report queue (older format)',
    holds: 'Open reports stored by earlier versions; never added to now.',
    whose: 'group',
    why: 'Reading reports made by earlier versions.',
    retention: { kind: 'rule', words: 'Drained as reports are handled.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a report id',
  },
  'moderation.reportOnce': {
    pattern: 'report-once:<dedupe*>',
    type: 'string',
    title: 'Reported once',
    holds: 'That you already reported a message, so it is not reported twice by you.',
    whose: 'account',
    why: 'One report per person per message.',
    retention: { kind: 'ttl', words: 'As long as reports are kept.', config: ['REPORT_RETENTION_DAYS'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'the report id',
  },
  'moderation.reportsBy': {
    pattern: 'account:<accountId>:reports',
    type: 'zset',
    title: 'Your reports',
    holds: 'The reports you filed, so you can see what happened to them.',
    whose: 'account',
    why: 'Your list of reports.',
    retention: {
      kind: 'ttl',
      words: 'Your newest 100; as long as reports are kept.',
      config: ['REPORT_RETENTION_DAYS'],
    },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a report id scored by time',
  },
  'moderation.audit': {
    pattern: 'audit',
    type: 'stream',
    title: 'Moderation log',
    holds:
      'Every moderator and coordinator action: who did what, where, to whom (their name in the group), and why. Also every coordinator opening a group they are not in.',
    whose: 'deployment',
    why: 'Moderators and coordinators answer for what they do.',
    retention: {
      kind: 'rule',
      words: 'Entries are never edited; each is deleted after the set number of days.',
      config: ['AUDIT_RETENTION_DAYS'],
    },
    seenBy: ['moderators', 'coordinators', 'operators'],
    erasure: 'de-attribute',
    form: 'readable',
    fields: [
      { name: 'at', holds: 'when' },
      { name: 'actorId', holds: 'the acting account' },
      { name: 'actor', holds: "the actor's pseudonym" },
      { name: 'action', holds: 'what was done' },
      { name: 'groupId', holds: 'where' },
      { name: 'target', holds: 'to whom or what, as moderators see it' },
      { name: 'reason', holds: 'why' },
    ],
  },
  'moderation.coordinatorOpen': {
    pattern: 'coordinator-open:<accountId>:<groupId>',
    type: 'string',
    title: 'Coordinator looked in',
    holds:
      'That a coordinator who is not a member opened a group in the last hour (the log entry itself is in the moderation log).',
    whose: 'account',
    why: 'So each look is logged for the group’s moderators once an hour, not on every click.',
    retention: { kind: 'ttl', words: 'An hour.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: '1',
  },
  'moderation.care': {
    pattern: 'account:<accountId>:care',
    type: 'list',
    title: 'Messages from moderators',
    holds: 'Private messages from a moderation team to you, until you read them.',
    whose: 'account',
    why: 'So a moderator can reach out to someone who may be struggling.',
    retention: { kind: 'ttl', words: 'Until read, at most 30 days.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [
      { name: 'id', holds: 'id' },
      { name: 'groupId', holds: 'from which group' },
      { name: 'groupName', holds: 'group name' },
      { name: 'text', holds: 'the message' },
      { name: 'at', holds: 'when' },
    ],
  },
  'moderation.escalated': {
    pattern: 'crisis:escalated:<reportId>',
    type: 'string',
    title: 'Crisis escalated',
    holds: 'That an unanswered crisis alert was passed to coordinators.',
    whose: 'deployment',
    why: 'So it is escalated once.',
    retention: { kind: 'ttl', words: '30 days.', config: ['CRISIS_ESCALATE_MINUTES'] },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: '1',
  },
  // ─── one-to-one support ────────────────────────────────────────────────────────────────────────────────────
  'consultations.consultants': {
    pattern: 'consultants',
    type: 'hash',
    title: 'Consultant profiles',
    holds:
      "Consultants' display names, grades, subjects, areas, capacity and times, the kinds of support they offer, whether they volunteer or are released for a term (and its last day), and keyed fingerprints of their school and district.",
    whose: 'account',
    why: 'Matching.',
    retention: { kind: 'with', words: "As long as the consultant's account." },
    seenBy: ['consultant', 'conversation', 'operators'],
    erasure: 'erase',
    form: 'readable',
    fields: [
      {
        name: '<accountId>',
        holds: 'the profile',
        json: [
          'accountId',
          'displayName',
          'grades',
          'subjects',
          'areas',
          'capacity',
          'availability',
          'paused',
          'schoolHash',
          'districtHash',
          'updatedAt',
          'kinds',
          'commitment',
          'termEndsAt',
        ],
      },
    ],
  },
  'consultations.requests': {
    pattern: 'requests',
    type: 'hash',
    title: 'Support requests',
    holds:
      'A request for one-to-one support: the structured intake (grades, subjects, reasons, focus, ways of working, times), whether you agreed to a nearer match (another grade band or subject), its state, and while it is open keyed fingerprints of the school and district. A reciprocal mentorship opt-in keeps only what you can offer and would like to learn (from a fixed list). Never the note in the clear, never your pseudonym.',
    whose: 'request',
    why: 'Matching with a consultant from another school.',
    retention: {
      kind: 'rule',
      words:
        'Open until matched or withdrawn; then deleted some days later. School and district fingerprints are deleted the moment it is matched or withdrawn.',
      config: CONVO_RETENTION,
    },
    seenBy: ['owner', 'consultant', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [{ name: '<requestId>', holds: 'the request', json: REQUEST_JSON }],
  },
  'consultations.finishedRequests': {
    pattern: 'requests:finished',
    type: 'zset',
    title: 'Finished requests',
    holds: 'Which requests finished when, for deleting them on time.',
    whose: 'deployment',
    why: 'Retention.',
    retention: { kind: 'rule', words: 'Until the request is deleted.', config: CONVO_RETENTION },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a request id scored by finish time',
  },
  'consultations.intakeNotes': {
    pattern: 'request:<requestId>:intake',
    type: 'hash',
    title: 'Intake notes (sealed)',
    holds:
      'The note you wrote with a request, sealed in your browser to each consultant who may be offered it, and to yourself.',
    whose: 'request',
    why: 'So the consultant offered the request can read it, and your browser can seal it again for a consultant who could not be offered it yet (or was assigned by hand).',
    retention: {
      kind: 'rule',
      words:
        'Deleted when the request is matched or withdrawn; after a hand assignment, your own copy only until your browser passed the note on.',
    },
    seenBy: ['owner', 'consultant', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [{ name: '<holder>', holds: 'one sealed copy', json: ['ciphertext', 'iv', 'keys'] }],
  },
  'consultations.openRequest': {
    pattern: 'account:<accountId>:open-request',
    type: 'string',
    title: 'Your open request',
    holds: 'Your one open request.',
    whose: 'account',
    why: 'At most one open request each.',
    retention: { kind: 'rule', words: 'Until it is matched or withdrawn.' },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a request id',
  },
  'consultations.offers': {
    pattern: 'requests:offered',
    type: 'zset',
    title: 'Offers waiting for an answer',
    holds: 'Requests offered to a consultant, by when the offer lapses.',
    whose: 'deployment',
    why: 'To pass an unanswered offer on.',
    retention: { kind: 'rule', words: 'Until the offer is answered or lapses.', config: ['OFFER_HOURS'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a request id scored by offer expiry',
  },
  'consultations.waiting': {
    pattern: 'requests:waiting',
    type: 'set',
    title: 'Requests waiting',
    holds: 'Requests waiting for a consultant with room.',
    whose: 'deployment',
    why: 'Matching.',
    retention: { kind: 'rule', words: 'Until matched or withdrawn.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a request id',
  },
  'consultations.conversations': {
    pattern: 'conversations',
    type: 'hash',
    title: 'One-to-one conversations (who and when)',
    holds:
      "Who talks with whom (account ids), the consultant's display name, the conversation's own name for the teacher, when it started and closed, the kind of support (peer support or mentorship) and the structured intake pinned for both (grades, subjects, reasons, focus, ways of working, times, whether the teacher's browser marked the request urgent and whether a note could not be passed on; never why, never school, district or the note); after a hand assignment, until the teacher's browser passed the note on, the request it came from; for reciprocal mentorship, what each teacher offers and would like to learn (from a fixed list). Never its content.",
    whose: 'conversation',
    why: 'To open the conversation for its two participants only.',
    retention: { kind: 'rule', words: 'Deleted some days after it closed.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      {
        name: '<conversationId>',
        holds: 'the conversation',
        json: [
          'id',
          'teacherId',
          'consultantId',
          'teacherName',
          'consultantName',
          'createdAt',
          'status',
          'closeProposedBy',
          'feedbackDone',
          'blocked',
          'closedAt',
          'kind',
          'intake',
          'reciprocal',
          'noteFrom',
        ],
      },
    ],
  },
  'consultations.closedConversations': {
    pattern: 'conversations:closed',
    type: 'zset',
    title: 'Closed conversations',
    holds: 'Which conversations closed when, for deleting them on time.',
    whose: 'deployment',
    why: 'Retention.',
    retention: { kind: 'rule', words: 'Until the conversation is deleted.', config: CONVO_RETENTION },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a conversation id scored by closing time',
  },
  'consultations.accountConversations': {
    pattern: 'account:<accountId>:conversations',
    type: 'set',
    title: 'Your conversations',
    holds: 'Your one-to-one conversations.',
    whose: 'account',
    why: 'To list them for you.',
    retention: { kind: 'rule', words: 'An entry goes with its conversation.', config: CONVO_RETENTION },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    value: 'a conversation id',
  },
  'consultations.messages': {
    pattern: 'convo:{<conversationId>}:msgs',
    type: 'stream',
    title: 'One-to-one messages (sealed)',
    holds: 'Each one-to-one message as ciphertext only two browsers can open, with who sent it and when.',
    whose: 'conversation',
    why: 'The conversation.',
    retention: {
      kind: 'rule',
      words: 'The newest messages, deleted with the conversation some days after it closed.',
      config: ['CONVO_MAX_MESSAGES', ...CONVO_RETENTION],
    },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [
      { name: 'f', holds: 'from: teacher or consultant' },
      { name: 'c', holds: 'the ciphertext' },
      { name: 'i', holds: 'its IV' },
      { name: 'k', holds: "the sender's client id" },
      { name: 't', holds: 'time' },
      {
        name: 'm',
        holds: 'seal metadata: key fingerprints, counter (older messages: a franking commitment)',
      },
    ],
  },
  'consultations.seq': {
    pattern: 'convo:{<conversationId>}:seq',
    type: 'string',
    title: 'One-to-one message counter',
    holds: "The number of a conversation's last message.",
    whose: 'conversation',
    why: 'To order messages.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a number',
  },
  'consultations.clientId': {
    pattern: 'convo:{<conversationId>}:cid:<clientId*>',
    type: 'string',
    title: 'Recently sent (one-to-one)',
    holds: 'That a message was already stored, so a retry is not stored twice.',
    whose: 'conversation',
    why: 'No duplicates on a flaky connection.',
    retention: { kind: 'ttl', words: 'A day.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'metadata',
    value: '"<seq>:<time>"',
  },
  'consultations.counters': {
    pattern: 'convo:{<conversationId>}:counters',
    type: 'hash',
    title: 'Replay counters',
    holds: 'The last counter each side used, so old ciphertext cannot be replayed.',
    whose: 'conversation',
    why: 'Integrity of the conversation.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    fields: [{ name: '<role>', holds: 'a number' }],
  },
  'consultations.pins': {
    pattern: 'convo:{<conversationId>}:pins',
    type: 'hash',
    title: 'Key pins (sealed)',
    holds: "Each side's record of the other's key, sealed so only that side can read it.",
    whose: 'conversation',
    why: 'To notice a changed key.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [{ name: '<role>', holds: 'sealed pin', json: SEALED_JSON }],
  },
  'consultations.goals': {
    pattern: 'convo:{<conversationId>}:goals',
    type: 'hash',
    title: 'Goals (sealed)',
    holds: 'Goals and progress notes, as ciphertext.',
    whose: 'conversation',
    why: 'The conversation.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [{ name: '<goalId>', holds: 'sealed goal', json: [...SEALED_JSON, 'id', 'updatedAt'] }],
  },
  'consultations.checkIns': {
    pattern: 'convo:{<conversationId>}:checkins',
    type: 'hash',
    title: 'Check-ins',
    holds: 'Planned check-ins: when, how long, who proposed, the answer, and a sealed note.',
    whose: 'conversation',
    why: 'The conversation.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'metadata',
    fields: [
      {
        name: '<checkInId>',
        holds: 'the check-in',
        json: ['id', 'startsAt', 'durationMinutes', 'proposedBy', 'status', 'note', 'type'],
      },
    ],
  },
  'consultations.resources': {
    pattern: 'convo:{<conversationId>}:resources',
    type: 'hash',
    title: 'Shared resources (sealed)',
    holds:
      'Links and documents shared in the conversation: each one sealed (title, address or file name, and the key of the document), who shared it and when. Never readable.',
    whose: 'conversation',
    why: 'The conversation.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [
      {
        name: '<resourceId>',
        holds: 'sealed resource',
        json: [...SEALED_JSON, 'id', 'from', 'ts', 'documentSize'],
      },
    ],
  },
  'consultations.documents': {
    pattern: 'convo:{<conversationId>}:documents',
    type: 'hash',
    title: 'Shared documents (sealed)',
    holds: 'The documents shared in the conversation, each sealed under a key only its description holds.',
    whose: 'conversation',
    why: 'The conversation.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [{ name: '<resourceId>', holds: 'sealed document (base64)' }],
  },
  'consultations.intakeNote': {
    pattern: 'convo:{<conversationId>}:intake',
    type: 'string',
    title: 'Intake note (sealed)',
    holds:
      'The note the teacher wrote with the request, sealed between the teacher and the consultant, pinned in the conversation.',
    whose: 'conversation',
    why: 'So the note travels with the conversation and nobody asks twice.',
    retention: { kind: 'with', words: 'As long as the conversation.', config: CONVO_RETENTION },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [
      { name: 'requestId', holds: "the request's id (the note is sealed for it)" },
      { name: 'ciphertext', holds: 'the sealed note' },
      { name: 'iv', holds: 'its IV' },
    ],
  },
  'consultations.keys': {
    pattern: 'account:<accountId>:keys',
    type: 'hash',
    title: 'Your one-to-one key',
    holds: 'Your public key, and your private key wrapped under your passphrase (useless without it).',
    whose: 'account',
    why: 'End-to-end encryption of one-to-one support.',
    retention: { kind: 'with', words: 'As long as your account.' },
    seenBy: ['conversation', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [
      { name: 'publicKey', holds: 'public key' },
      { name: 'wrappedPrivateKey', holds: 'wrapped private key' },
      { name: 'wrapIv', holds: 'IV' },
      { name: 'kdf', holds: 'derivation version' },
    ],
  },
  'consultations.feedback': {
    pattern: 'feedback',
    type: 'list',
    title: 'Support feedback',
    holds:
      'Anonymous feedback after a conversation closed: ratings, a comment, and the month. No account, no conversation.',
    whose: 'deployment',
    why: 'So coordinators learn whether support helps.',
    retention: { kind: 'rule', words: 'The newest 10,000.' },
    seenBy: ['coordinators', 'operators'],
    erasure: 'keep-without-identity',
    form: 'readable',
    fields: [
      { name: 'helpfulness', holds: 'rating' },
      { name: 'recommend', holds: 'would recommend' },
      { name: 'comment', holds: 'comment' },
      { name: 'month', holds: 'month only' },
    ],
  },
  // ─── wellness pulse ────────────────────────────────────────────────────────────────────────────────────────
  'wellness.answered': {
    pattern: 'wellness:week:<week>:answered',
    type: 'set',
    title: 'Pulse taken this week',
    holds: "Keyed fingerprints of who took a week's pulse, never what they answered.",
    whose: 'deployment',
    why: 'One answer per person per week.',
    retention: { kind: 'ttl', words: 'Eight days after the week closes.' },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'fingerprint',
    value: 'HMAC(server secret, week and account)',
  },
  'wellness.histogram': {
    pattern: 'wellness:week:<week>:histogram',
    type: 'hash',
    title: 'Pulse counts',
    holds:
      'How many people gave each answer that week, by broad group. The only record of answers: no person.',
    whose: 'deployment',
    why: 'Programme figures (shown only over enough people).',
    retention: { kind: 'rule', words: 'Some weeks.', config: ['PULSE_RETENTION_WEEKS'] },
    seenBy: ['coordinators', 'operators'],
    erasure: 'keep-without-identity',
    form: 'counts',
    fields: [
      { name: '<cohort>|<band>|_n', holds: 'people in that group who answered' },
      { name: '<cohort>|<band>|<item>|<value>', holds: 'people who gave that answer', optional: true },
      { name: '_teachers', holds: 'teachers signed up' },
    ],
  },
  'wellness.history': {
    pattern: 'account:<accountId>:pulse-history',
    type: 'string',
    title: 'Your pulse history (sealed)',
    holds: 'Your own pulse answers, sealed in your browser under a key only you derive.',
    whose: 'account',
    why: 'So you can see your own trend.',
    retention: { kind: 'ttl', words: 'Some weeks after your last pulse.', config: ['PULSE_RETENTION_WEEKS'] },
    seenBy: ['owner', 'operators'],
    erasure: 'erase',
    form: 'ciphertext',
    fields: [
      { name: 'ciphertext', holds: 'ciphertext' },
      { name: 'iv', holds: 'IV' },
    ],
  },
  'wellness.feedbackGiven': {
    pattern: 'wellness:week:<week>:feedback-given',
    type: 'set',
    title: 'Feedback box used this week',
    holds: 'Keyed fingerprints of who left a comment that week, never which comment.',
    whose: 'deployment',
    why: 'One comment per person per week.',
    retention: { kind: 'ttl', words: 'Eight days after the week closes.' },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'fingerprint',
    value: 'HMAC(server secret, week and account)',
  },
  'wellness.feedback': {
    pattern: 'wellness:week:<week>:feedback',
    type: 'list',
    title: 'Feedback box',
    holds: 'Comments left in the feedback box: the text only, no account.',
    whose: 'deployment',
    why: 'So coordinators hear what teachers say.',
    retention: { kind: 'ttl', words: 'Some weeks.', config: ['PULSE_RETENTION_WEEKS'] },
    seenBy: ['coordinators', 'operators'],
    erasure: 'keep-without-identity',
    form: 'readable',
    value: 'a comment',
  },
  'wellness.feedbackCut': {
    pattern: 'wellness:week:<week>:feedback-cut',
    type: 'string',
    title: 'Feedback box: where a shown batch begins',
    holds:
      'For a week that ends a batch of comments already shown to coordinators, the week the batch begins.',
    whose: 'deployment',
    why: 'So the batches never move as weeks expire: two readings cannot be compared to single out a comment.',
    retention: { kind: 'ttl', words: 'Some weeks.', config: ['PULSE_RETENTION_WEEKS'] },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'readable',
    value: 'a week id',
  },
  'wellness.activity': {
    pattern: 'wellness:week:<week>:activity',
    type: 'hash',
    title: 'Programme activity',
    holds:
      'How many group messages were sent and sessions held in a week, and once the week closes a summary of counts (people posting, active groups, one-to-one requests, waits, lengths and endings of support as bucket counts and medians). No account, no text.',
    whose: 'deployment',
    why: 'So coordinators can see whether the programme is used, without watching anyone.',
    retention: { kind: 'ttl', words: 'Some weeks after the week closes.', config: ['PULSE_RETENTION_WEEKS'] },
    seenBy: ['coordinators', 'operators'],
    erasure: 'keep-without-identity',
    form: 'counts',
    fields: [
      { name: 'messages', holds: 'group messages that week (a count)', optional: true },
      { name: 'meetings', holds: 'sessions held that week (a count)', optional: true },
      { name: 'frozen', holds: 'the closed week’s summary (counts only)', optional: true },
    ],
  },
  'wellness.posters': {
    pattern: 'wellness:week:<week>:posters',
    type: 'string',
    title: 'People who posted (a count)',
    holds:
      'An approximate count of how many people wrote in a group that week (a HyperLogLog of keyed per-week fingerprints: nobody can be read out of it).',
    whose: 'deployment',
    why: 'To count active members without listing them.',
    retention: { kind: 'ttl', words: 'Eight days after the week closes.' },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'counts',
    value: 'a HyperLogLog',
  },
  'wellness.activeGroups': {
    pattern: 'wellness:week:<week>:active-groups',
    type: 'set',
    title: 'Active groups',
    holds: 'The ids of groups with a message that week.',
    whose: 'deployment',
    why: 'To count active groups.',
    retention: { kind: 'ttl', words: 'Eight days after the week closes.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a group id',
  },
  'wellness.writeRate': {
    pattern: 'rate:pulse:<token>',
    type: 'string',
    title: 'Pulse write limit',
    holds:
      'How many pulse answers, history saves and feedback comments came from one account this hour, under a keyed fingerprint of the account (never its id).',
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'An hour.', config: ['PULSE_WRITES_PER_HOUR'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'wellness.testClock': {
    pattern: 'wellness:test-clock',
    type: 'string',
    title: 'Test clock',
    holds: 'The time the pulse reads, in tests only.',
    whose: 'deployment',
    why: 'Tests.',
    retention: { kind: 'ttl', words: 'A day.', config: ['PULSE_TEST_CLOCK'] },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a time',
  },
  // ─── platform ──────────────────────────────────────────────────────────────────────────────────────────────
  'platform.eventBudget': {
    pattern: 'rate:events:<accountId>',
    type: 'string',
    title: 'Activity budget',
    holds: 'How much you did in the last ten seconds.',
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'Ten seconds.', config: ['EVENT_BUDGET_PER_10S'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'platform.eventLimit': {
    pattern: 'rate:event:<event*>:<accountId>',
    type: 'string',
    title: 'Per-action limits',
    holds: 'How often you did one kind of action (report, react, send) recently.',
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'Seconds to minutes.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'moderation.refusedAlertRate': {
    pattern: 'rate:refused-alert:<accountId>',
    type: 'string',
    title: 'Limit on alerts from refused messages',
    holds:
      'How many urgent alerts your refused messages raised in the last hour (a refused message that suggests risk tells the moderators, without its text).',
    whose: 'account',
    why: 'To stop floods of alerts to moderators.',
    retention: { kind: 'ttl', words: 'An hour.', config: ['REFUSED_ALERTS_PER_HOUR'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'platform.joinRate': {
    pattern: 'rate:join:<accountId>',
    type: 'string',
    title: 'Join limit',
    holds: 'How many groups you opened or joined in the last minute.',
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'A minute.', config: ['JOIN_LIMIT_PER_MINUTE'] },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'platform.routeRate': {
    pattern: 'rate:route:<route>:<client>',
    type: 'string',
    title: 'Limits on costly requests',
    holds:
      "How often you did one costly thing (a sign-up change, a profile change, a download of your data, an erasure) recently: under your account id, or under a hash of your browser's device token when logged out.",
    whose: 'account',
    why: 'To stop floods.',
    retention: { kind: 'ttl', words: 'A minute to an hour.' },
    seenBy: ['operators'],
    erasure: 'erase',
    form: 'counts',
    value: 'a count',
  },
  'platform.migrationsDone': {
    pattern: 'migrations',
    type: 'hash',
    title: 'Data upgrades done',
    holds: 'Which one-time upgrades of stored data have run, and when.',
    whose: 'deployment',
    why: 'So each upgrade runs once, on one server.',
    retention: { kind: 'kept', words: 'As long as the deployment (one small line per upgrade).' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    fields: [{ name: '<migrationId>', holds: 'when it finished' }],
  },
  'platform.migrationLock': {
    pattern: 'migration-lock:<migrationId>',
    type: 'string',
    title: 'Data upgrade lock',
    holds: 'A random token of the server running one upgrade now.',
    whose: 'deployment',
    why: 'So two servers never run the same upgrade at once.',
    retention: { kind: 'ttl', words: 'Deleted when the upgrade ends; expires within minutes otherwise.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
    value: 'a random token',
  },
  'platform.bus': {
    pattern: 'io',
    type: 'channel',
    title: 'Live updates between servers',
    holds: 'Nothing: the channels servers use to pass live updates to each other.',
    whose: 'deployment',
    why: 'Several servers behave as one.',
    retention: { kind: 'rule', words: 'Nothing is stored.' },
    seenBy: ['operators'],
    erasure: 'not-personal',
    form: 'metadata',
  },
  // ─── workshops and focus groups (group sessions) ───────────────────────────────────────────────────────────
  'workshops.signups': {
    pattern: 'grp:{<groupId>}:session:<meetingId>:signups',
    type: 'set',
    title: 'Session sign-ups',
    holds: 'Keyed fingerprints of who signed up for a workshop or focus group; the host sees only how many.',
    whose: 'group',
    why: 'So the host knows how many to expect, and you can withdraw.',
    retention: { kind: 'ttl', words: 'A day after the session ended.' },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'fingerprint',
    value: 'HMAC(server secret, session and account)',
  },
  'workshops.answered': {
    pattern: 'grp:{<groupId>}:session:<meetingId>:useful-answered',
    type: 'set',
    title: '"Was this useful?" answered',
    holds: 'Keyed fingerprints of who answered "was this useful?" after a session, never what they answered.',
    whose: 'group',
    why: 'One answer per person per session.',
    retention: { kind: 'ttl', words: 'A day after the session ended.' },
    seenBy: ['operators'],
    erasure: 'keep-without-identity',
    form: 'fingerprint',
    value: 'HMAC(server secret, session and account)',
  },
  'workshops.useful': {
    pattern: 'grp:{<groupId>}:session:<meetingId>:useful',
    type: 'hash',
    title: '"Was this useful?" counts',
    holds: 'How many gave each score from 1 to 5 after a session. The only record of answers: no person.',
    whose: 'group',
    why: 'Shown to the host and coordinators once enough have answered.',
    retention: { kind: 'ttl', words: 'A day after the session ended.' },
    seenBy: ['coordinators', 'operators'],
    erasure: 'keep-without-identity',
    form: 'counts',
    fields: [
      { name: '<score>', holds: 'how many gave that score' },
      {
        name: 'shown:<score>',
        holds: 'the count shown to the host, frozen at the last multiple of k answers',
        optional: true,
      },
    ],
  },
} as const satisfies Record<string, StoredData>;

export type StoredId = keyof typeof STORED;

type Strip<P extends string> = P extends `${infer N}*` ? N : P;
/** The `<param>` names of a pattern, as a union. */
export type PatternParams<S extends string> = S extends `${string}<${infer P}>${infer Rest}`
  ? Strip<P> | PatternParams<Rest>
  : never;
export type KeyParams<I extends StoredId> = Record<
  PatternParams<(typeof STORED)[I]['pattern']>,
  string | number
>;
type ParamArgs<I extends StoredId> = [PatternParams<(typeof STORED)[I]['pattern']>] extends [never]
  ? []
  : [KeyParams<I>];

const PLACEHOLDER = /<([A-Za-z]+)\*?>/g;

/** Builds a declared key: the only way the stores name Redis keys. */
export function keyFor<I extends StoredId>(prefix: string, id: I, ...args: ParamArgs<I>): string {
  const entry: StoredData = STORED[id];
  const params = (args[0] ?? {}) as Record<string, string | number>;
  return (
    prefix +
    entry.pattern.replace(PLACEHOLDER, (_m, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`key ${id}: missing ${name}`);
      return String(value);
    })
  );
}

/**
 * A declared key up to its last `:<param>`, without that colon: for libraries that append `:<id>` themselves
 * (the rate limiter names its keys `<keyPrefix>:<key>`).
 */
export function keyPrefixFor<I extends StoredId>(
  prefix: string,
  id: I,
  params: Partial<KeyParams<I>> = {},
): string {
  const entry: StoredData = STORED[id];
  const at = entry.pattern.lastIndexOf(':<');
  if (at < 0) throw new Error(`key ${id} does not end with a parameter`);
  const head = entry.pattern.slice(0, at).replace(PLACEHOLDER, (_m, name: string) => {
    const value = (params as Record<string, string | number | undefined>)[name];
    if (value === undefined) throw new Error(`key ${id}: missing ${name}`);
    return String(value);
  });
  return prefix + head;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern as an anchored regular expression (`<p>` is one colon-free part, `<p*>` any text). */
export function patternRegExp(pattern: string, prefix = ''): RegExp {
  let out = '';
  let last = 0;
  for (const m of pattern.matchAll(/<([A-Za-z]+)(\*?)>/g)) {
    out += escape(pattern.slice(last, m.index)) + (m[2] ? '(.+)' : '([^:]+)');
    last = m.index + m[0].length;
  }
  out += escape(pattern.slice(last));
  return new RegExp(`^${escape(prefix)}${out}$`);
}

/** A field name pattern as an anchored regular expression (`<p>` is one part without `:` or `|`). */
export function fieldRegExp(name: string): RegExp {
  let out = '';
  let last = 0;
  for (const m of name.matchAll(/<([A-Za-z]+)>/g)) {
    out += escape(name.slice(last, m.index)) + '([^:|]+)';
    last = m.index + m[0].length;
  }
  out += escape(name.slice(last));
  return new RegExp(`^${out}$`);
}

/** The declared entries whose pattern a stored key matches (exactly one, for every key Staffroom writes). */
export function entriesMatching(key: string, prefix: string): StoredId[] {
  return (Object.keys(STORED) as StoredId[]).filter(
    (id) => STORED[id].type !== 'channel' && patternRegExp(STORED[id].pattern, prefix).test(key),
  );
}

/** What is never stored, in plain words (the privacy page lists it; the registry test checks what it can). */
export const NEVER_STORED: readonly string[] = [
  'Your real name, email address or phone number: Staffroom never asks for them.',
  'Your IP address, or the full description of your browser: neither is stored nor logged.',
  'Your passphrase: it never leaves your browser. The server keeps only a hash of a secret derived from it.',
  'The text of one-to-one messages, goals, check-in notes and intake notes: only ciphertext your browsers can open.',
  'Your pulse answers linked to you: only counts per week, and your own history sealed so only you can open it.',
  'Message text in the logs: logs hold ids, codes and counts only.',
  'Your school or district in readable form: only keyed fingerprints, and for a request only until it ends.',
  'Your account pseudonym in anything a consultant sees about a request: they see a name made for that request.',
];
