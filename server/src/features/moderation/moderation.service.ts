import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { detectCrisis } from '@staffroom/shared/guards/crisis';
import { findBlockedTerms } from '@staffroom/shared/guards/blocked-terms';
import { describeFindings, detectIdentifying } from '@staffroom/shared/guards/privacy';
import { COORDINATORS_DONT_READ, type Role } from '@staffroom/shared/schemas/accounts';
import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { HeldMessage, Message, SupportResource } from '@staffroom/shared/schemas/messages';
import type {
  AuditAction,
  AuditEntry,
  BanRow,
  CareMessage,
  MemberRow,
  ModerationSettings,
  MyReport,
  QueueItem,
  ReportReason,
} from '@staffroom/shared/schemas/moderation';
import { AppError } from '../../platform/errors.js';
import type { RateLimit } from '../../platform/rate-limit.js';
import type { Principal } from '../../platform/principal.js';
import {
  CONVO_QUEUE,
  isAlert,
  isOpenAlert,
  reportPriority,
  type BanRecord,
  type GroupModeration,
  type ModerationStore,
  type ReportRecord,
} from './moderation.store.js';
import type { CareStore } from './care.store.js';

/** What moderation needs from groups and messages, passed in by app.ts. */
/** A coordinator's look at a group they are not in is audited at most once per this window. */
const COORDINATOR_OPEN_WINDOW_MS = 3600_000;

export interface ModerationDeps {
  store: ModerationStore;
  /** Private messages from moderation teams to members, kept until read. */
  care: CareStore;
  groups: {
    name(groupId: string): Promise<string | null>;
    allGroups(): Promise<{ id: string; name: string }[]>;
    member(groupId: string, accountId: string): Promise<(MemberView & { accountId: string }) | null>;
    memberByTag(groupId: string, tag: string): Promise<(MemberView & { accountId: string }) | null>;
    members(groupId: string): Promise<(MemberView & { accountId: string })[]>;
    removeMember(groupId: string, accountId: string): Promise<void>;
    /** A new join code for the group (the old one stops working); NOT_FOUND when there is no such group. */
    rotateJoinCode(groupId: string): Promise<string>;
  };
  /** Accounts as moderation needs them (from accounts). */
  accounts: {
    roleOf(accountId: string): Promise<Role | null>;
    findByPseudonym(pseudonym: string): Promise<{ id: string; pseudonym: string; role: Role } | null>;
    /** Accounts invited as moderators (role `moderator`), bounded, oldest first. */
    invitedModerators(): Promise<{ id: string; pseudonym: string }[]>;
    pseudonymOf(accountId: string): Promise<string | null>;
  };
  messages: {
    get(groupId: string, seq: number): Promise<(Message & { accountId: string }) | null>;
    remove(
      groupId: string,
      seq: number,
      by: 'moderator' | 'author',
    ): Promise<'removed' | 'already-removed' | 'not-found'>;
    around(groupId: string, seq: number, n: number): Promise<{ before: Message[]; after: Message[] }>;
    /**
     * Posts a message held for review as its author wrote it (idempotent by its client id: a second release
     * answers the first seq).
     */
    release(
      groupId: string,
      held: { accountId: string; tag: string; name: string; text: string; clientId: string },
    ): Promise<{ seq: number }>;
  };
  /** Ends every session of an account on every node (from accounts). */
  endAllSessions(accountId: string): Promise<void>;
  /** Applies a change on every node before resolving (platform/realtime/cluster). */
  publish(topic: ModerationTopic, data: Record<string, unknown>): Promise<void>;
  /** Tells an account, a group's moderators or a reporter something (socket rooms). */
  notify: Notifier;
  guards: {
    blockedTerms: readonly string[];
    schoolNames: readonly string[];
    crisisResources: SupportResource[];
  };
  /**
   * The server's secret (the passphrase pepper): ids of crisis alerts and held messages are keyed with it, so
   * nobody can work out an alert's id from the group and message number and ask whether it exists.
   */
  secret: string;
  /**
   * A per-account budget for the urgent alerts refused messages raise (`raiseRefusedCrisis`). A refused message is
   * stored by nobody, so the send limit (in the store's append) never counts it: without this, an account could
   * raise an alert per client id, as fast as it can send. Over budget, the writer still gets the contacts; the
   * moderators already hold that many alerts about them.
   */
  refusedAlertLimit?: RateLimit;
  now?: () => number;
}

export type ModerationTopic =
  'moderation:group' | 'moderation:evict' | 'moderation:global-ban' | 'moderation:moderator';

export interface Notifier {
  removed(groupId: string, seq: number, by: 'moderator' | 'author'): void;
  settings(groupId: string, settings: ModerationSettings): void;
  notice(
    accountId: string,
    n: {
      groupId: string | null;
      kind: 'muted' | 'unmuted' | 'kicked' | 'banned';
      until: number | null;
      reason: string;
    },
  ): void;
  queueChanged(groupId: string, urgent: boolean): void;
  reportUpdated(accountId: string, id: string, status: ReportRecord['status']): void;
  /** A private message from a moderation team, to that member's sockets on every node. */
  care(accountId: string, message: CareMessage): void;
  /** Yours only: a moderator released your held message (its seq) or kept it hidden. */
  held(
    accountId: string,
    h: { groupId: string; clientId: string; outcome: 'released' | 'kept'; seq: number | null },
  ): void;
  /** An urgent alert nobody acknowledged in time: to coordinators (admins), on every node. */
  escalated(e: { reportId: string; groupId: string; groupName: string; since: number }): void;
}

const newId = () => randomBytes(9).toString('base64url');
/**
 * Before the review of 2026-12-06 report ids were this plain hash of public values (a group id and a seq), so
 * anyone could derive an alert's id and probe for it. Still used for dedupe markers only (never sent out), so a
 * retry that spans the upgrade finds the item it raised before.
 */
const legacyDerivedId = (kind: string, ...parts: string[]) =>
  kind + createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
const noSuchReport = () => new AppError(ErrorCode.NOT_FOUND, 'No such report.');
const forbidden = () => new AppError(ErrorCode.FORBIDDEN, 'Only this group’s moderators can do this.');
const noSuchMember = () => new AppError(ErrorCode.NOT_FOUND, 'That member is not in this group.');
/** What the queue shows as the "group" of a one-to-one report. */
const CONVERSATION_GROUP_NAME = 'One-to-one conversation (reported by a participant)';
/** Coordinators moderate no group and read nothing members wrote (moderation/README.md, "Who may act on whom"). */
const coordinatorsDontRead = () => new AppError(ErrorCode.FORBIDDEN, COORDINATORS_DONT_READ);
/** Who reviews one-to-one reports (their notes): program moderators (invited as moderators), never coordinators. */
const reviewsConversations = (p: Principal) => p.role === 'moderator';
const CONTEXT = 5;
/** Groups (and accounts' global bans) whose moderation state one node keeps cached. */
const CACHE_MAX = 5_000;
/** The console shows this many open reports, taking at most `perQueue` from each group's own queue. */
const QUEUE_ITEMS = 100;
/** The badge and the escalation read each queue's urgent index (every item nobody acknowledged) in batches this big. */
const URGENT_BATCH = 200;
/**
 * How often the escalator indexes again the urgent items of every queue (`indexUrgent`): its first run on each
 * node indexes those filed before the index existed, the next ones what a node on an older version filed during
 * an upgrade.
 */
const REINDEX_MS = 10 * 60_000;
const perQueue = (queues: number) => Math.min(20, Math.max(3, Math.ceil((2 * QUEUE_ITEMS) / queues)));
/** How many open one-to-one reports are read when erasing the text older versions stored (all, in practice). */
const OPEN_CONVERSATION_REPORTS_MAX = 100_000;
/** Messages one member may have held for review in one group at once; more are refused (RATE_LIMITED). */
const HELD_MAX = 10;

/**
 * Alerts the crisis guard raised about one member in one group belong together: one item for one person. Null
 * for anything else (members' reports, one-to-one reports), which stays an item of its own.
 */
const alertKey = (r: ReportRecord) => (isAlert(r) ? `${r.groupId}\u0000${r.subjectId}` : null);

/** Groups reports (already in priority order) into items: the first alert about a member leads the others. */
function groupAlerts(reports: readonly ReportRecord[]): ReportRecord[][] {
  const byKey = new Map<string, ReportRecord[]>();
  const items: ReportRecord[][] = [];
  for (const r of reports) {
    const key = alertKey(r);
    const same = key ? byKey.get(key) : undefined;
    if (same) {
      same.push(r);
      continue;
    }
    const item = [r];
    if (key) byKey.set(key, item);
    items.push(item);
  }
  return items;
}

/**
 * "10 minutes", "1 hour", "2 days 6 hours": a duration in words for texts people read (the audit log, a mute's
 * refusal). Durations, not dates: the server does not know the reader's time zone (the client formats `until`).
 */
export function durationWords(minutes: number): string {
  const n = Math.max(1, Math.round(minutes));
  const unit = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const days = Math.floor(n / 1_440);
  const hours = Math.floor((n % 1_440) / 60);
  const mins = n % 60;
  const parts: string[] = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  // Minutes only matter for durations under a day.
  if (mins && !days) parts.push(unit(mins, 'minute'));
  return parts.join(' ');
}

/** Texts that exercise the guards at start-up (see `warmGuards`); invented, like the evaluation set. */
const GUARD_WARMUP = [
  'quick note about marking load this week, see you all on Monday',
  "I'm so tired of all this, I just want to die. I've been thinking about ending it after the inspection.",
  'Mail me at j.smith@example.org or call 07700 900123; I teach Year 4 at St Mary’s Primary on Elm Street.',
];

/** What the guards decided about a message that may be posted. */
interface Screened {
  crisis: boolean;
  hold: boolean;
}

/** `admitPost`'s answer: the member's slow-mode window and the guards' decision. */
export interface Admitted extends Screened {
  slowMs: number;
}

/** A per-node cache entry: the read, and its value once it has arrived (for the synchronous send path). */
interface Cached<T> {
  promise: Promise<T>;
  settled?: { value: T };
}

/**
 * The entry for `key`, reading it on a miss. A failed read is forgotten (the next call reads again). An
 * invalidation deletes the entry, so a read that lands after it fills an entry nobody holds any more.
 */
function cachedRead<T>(cache: LRUCache<string, Cached<T>>, key: string, read: () => Promise<T>): Cached<T> {
  let entry = cache.get(key);
  if (!entry) {
    const fresh: Cached<T> = { promise: read() };
    fresh.promise.then(
      (value) => {
        fresh.settled = { value };
      },
      () => {
        if (cache.get(key) === fresh) cache.delete(key);
      },
    );
    cache.set(key, fresh);
    entry = fresh;
  }
  return entry;
}

export function createModerationService(deps: ModerationDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  /**
   * A report id derived from what it is about, so raising the same item twice (a retry, a sweep, another node)
   * yields one; keyed with the server's secret, so it cannot be worked out from public values.
   */
  const derivedId = (kind: string, ...parts: string[]) =>
    kind +
    createHmac('sha256', deps.secret)
      .update(`report-id:${kind}:${parts.join('\u0000')}`)
      .digest('base64url')
      .slice(0, 22);
  /**
   * Per-node caches; every change goes through `publish`, which invalidates them on every node first. Bounded
   * (least recently used go first): an evicted entry is only read again from the store.
   */
  /** When this node's escalator last indexed every queue's urgent items again (`REINDEX_MS`). */
  let indexedAt = -Infinity;
  const groupCache = new LRUCache<string, Cached<GroupModeration>>({ max: CACHE_MAX });
  const globalBanCache = new LRUCache<string, Cached<BanRecord | null>>({ max: CACHE_MAX });

  const state = (groupId: string) => cachedRead(groupCache, groupId, () => store.groupState(groupId)).promise;
  const globalBanEntry = (accountId: string) =>
    cachedRead(globalBanCache, accountId, () => store.globalBan(accountId));
  const liveBan = (ban: BanRecord | null) => (ban && (ban.until === null || ban.until > now()) ? ban : null);
  const activeGlobalBan = async (accountId: string) => liveBan(await globalBanEntry(accountId).promise);

  const activeBan = (s: GroupModeration, accountId: string) => {
    const ban = s.bans.get(accountId);
    return ban && (ban.until === null || ban.until > now()) ? ban : null;
  };

  /**
   * Authorizes before any per-group work: a member who is not this group's moderator learns nothing and costs
   * no cache entry, whatever group id they send (their own short list of moderated groups is read instead).
   */
  async function requireModerator(p: Principal, groupId: string): Promise<GroupModeration> {
    if (p.role === 'admin') throw coordinatorsDontRead();
    if (!groupCache.has(groupId)) {
      if (!(await store.moderatedGroups(p.accountId)).includes(groupId)) throw forbidden();
    }
    const s = await state(groupId);
    // A ban ends moderator rights (they are also taken away when the ban is made; this covers any leftover, and
    // a ban from Staffroom while its rights are still being taken away group by group).
    if (!s.moderators.has(p.accountId) || activeBan(s, p.accountId)) throw forbidden();
    if (await activeGlobalBan(p.accountId)) throw forbidden();
    return s;
  }

  /**
   * A group's settings (lock, slow mode, …) and its join code need no content: its moderators change them, and
   * coordinators, who manage groups.
   */
  async function requireGroupManager(p: Principal, groupId: string): Promise<GroupModeration> {
    if (p.role !== 'admin') return requireModerator(p, groupId);
    if ((await deps.groups.name(groupId)) === null) throw new AppError(ErrorCode.NOT_FOUND, 'No such group.');
    return state(groupId);
  }

  /**
   * The report a moderator acts on, authorized before anything about it is told: someone who moderates nothing
   * is answered before it is read, and a missing report and one in a group the caller does not moderate get the
   * same NOT_FOUND (nobody learns whether a message raised an alert). `use`: `review` reads or decides on it (the
   * group's moderators; a one-to-one report, program moderators); `support` acknowledges it or reaches out, which
   * needs no content: also coordinators, on an urgent item (a one-to-one report is acknowledged, never reached out
   * from: it has no group). Coordinators never review (FORBIDDEN, whatever the id).
   */
  async function reportFor(p: Principal, reportId: string, use: 'review' | 'support'): Promise<ReportRecord> {
    if (p.role === 'admin') {
      if (use === 'review') throw coordinatorsDontRead();
      const report = await store.getReport(reportId);
      if (!report || !report.urgent) throw noSuchReport();
      return report;
    }
    // The same reads for a missing report and a foreign one (their moderated groups, then the report).
    const mine = new Set(await store.moderatedGroups(p.accountId));
    if (mine.size === 0 && !reviewsConversations(p)) throw noSuchReport();
    const report = await store.getReport(reportId);
    if (!report) throw noSuchReport();
    if (report.conversationId !== undefined) {
      if (!reviewsConversations(p) || (await activeGlobalBan(p.accountId))) throw noSuchReport();
      return report;
    }
    if (!mine.has(report.groupId)) throw noSuchReport();
    try {
      await requireModerator(p, report.groupId);
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.FORBIDDEN) throw noSuchReport();
      throw err;
    }
    return report;
  }

  /**
   * Who may mute, kick or ban whom (moderation/README.md): a moderator acts on members only; a coordinator (admin)
   * bans from Staffroom, also a moderator; nobody acts on a coordinator here (admins are appointed by invite, and
   * removing one is the operator's job, not a moderation action).
   */
  async function requireMayActOn(p: Principal, s: GroupModeration, accountId: string): Promise<void> {
    if ((await deps.accounts.roleOf(accountId)) === 'admin')
      throw new AppError(ErrorCode.FORBIDDEN, 'Coordinators cannot be muted, removed or banned.');
    if (p.role !== 'admin' && s.moderators.has(accountId))
      throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators can act on a moderator.');
  }

  /** Takes away an account's moderator rights in these groups, on every node. */
  async function dropModerator(accountId: string, groupIds: readonly string[]): Promise<void> {
    for (const groupId of groupIds) {
      await store.setModerator(groupId, accountId, false);
      await deps.publish('moderation:moderator', { groupId, accountId, on: false });
    }
  }
  const requireAdmin = (p: Principal) => {
    if (p.role !== 'admin')
      throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can do this.');
  };
  async function target(groupId: string, tag: string) {
    const m = await deps.groups.memberByTag(groupId, tag);
    if (!m) throw noSuchMember();
    return m;
  }
  async function audit(
    p: Principal,
    action: AuditAction,
    groupId: string | null,
    targetText: string,
    reason: string,
  ) {
    await store.appendAudit({
      at: now(),
      actorId: p.accountId,
      actor: p.pseudonym,
      action,
      groupId,
      target: targetText,
      reason,
    });
  }
  /**
   * A coordinator (admin) opened an invite-only group's page (they are never its members): recorded in the audit
   * log, where that group's moderators see it. Once per coordinator, group and hour.
   */
  async function coordinatorOpened(p: Principal, groupId: string, what: string): Promise<void> {
    if (p.role !== 'admin') return;
    if (await deps.groups.member(groupId, p.accountId)) return;
    if (!(await store.claimCoordinatorOpen(p.accountId, groupId, COORDINATOR_OPEN_WINDOW_MS))) return;
    await audit(p, 'coordinator-open', groupId, what, 'not a member of the group');
  }
  const toBanRow = (b: BanRecord): BanRow => ({
    id: b.id,
    groupId: b.groupId,
    name: b.name,
    until: b.until,
    reason: b.reason,
    at: b.at,
  });

  /**
   * A refused message suggested risk: moderators learn who, where and when, never the text. One item per
   * (group, sender, client id), so the client's retries of the same refused message raise it once.
   */
  const REFUSED_WORDS: Record<NonNullable<ReportRecord['refusedFor']>, string> = {
    'blocked-term': 'a blocked term',
    muted: 'its writer is muted here',
    locked: 'the group is locked',
    identifying: 'it waits for its writer to confirm identifying details',
    'too-long': 'it is longer than a message may be',
  };
  async function raiseRefusedCrisis(
    groupId: string,
    sender: { accountId: string; clientId: string },
    refusedFor: NonNullable<ReportRecord['refusedFor']> = 'blocked-term',
  ) {
    const why = REFUSED_WORDS[refusedFor];
    if (deps.refusedAlertLimit) {
      try {
        await deps.refusedAlertLimit.consume(sender.accountId);
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) return;
        throw err;
      }
    }
    const id = derivedId('rf', groupId, sender.accountId, sender.clientId);
    const once = legacyDerivedId('rf', groupId, sender.accountId, sender.clientId);
    const { duplicate } = await store.createReport(
      {
        id,
        groupId,
        seq: 0,
        reason: 'crisis',
        note: `A refused message suggested risk. It was not posted (${why}) and its text is not kept.`,
        reporterId: '',
        urgent: true,
        status: 'received',
        createdAt: now(),
        subjectId: sender.accountId,
        refused: true,
        refusedFor,
      },
      `refused:${once}`,
    );
    if (!duplicate) deps.notify.queueChanged(groupId, true);
  }

  /**
   * A queue item for a one-to-one report: the reason and the reporter's own note, never a message (the server has
   * none to show: one-to-one messages are ciphertext only).
   */
  function conversationItem(r: ReportRecord): QueueItem {
    return {
      id: r.id,
      groupId: '',
      groupName: CONVERSATION_GROUP_NAME,
      reason: r.reason,
      note: r.note,
      urgent: r.urgent,
      automatic: false,
      status: r.status,
      createdAt: r.createdAt,
      reporter: null,
      message: null,
      before: [],
      after: [],
      ...(r.urgent
        ? {
            acknowledged: r.acknowledgedAt
              ? { by: r.acknowledgedBy ?? 'a moderator', at: r.acknowledgedAt }
              : null,
          }
        : {}),
    };
  }

  /** Every open urgent item of these queues nobody acknowledged, created at or before `upTo`, oldest first. */
  async function awaitingAcknowledgement(
    queues: readonly string[],
    upTo = Infinity,
  ): Promise<ReportRecord[]> {
    const found: ReportRecord[] = [];
    for await (const batch of store.awaitingAcknowledgement(queues, upTo, URGENT_BATCH)) found.push(...batch);
    return found;
  }

  /**
   * The open alerts grouped with this one (it first): acting on an item acts on all of them. Read from the
   * member's own index (`openAlertsAbout`), so every one comes, acknowledged or not, however many other reports wait.
   */
  async function alertsLike(report: ReportRecord): Promise<ReportRecord[]> {
    if (!isOpenAlert(report)) return [report];
    const others = await store.openAlertsAbout(report.groupId, report.subjectId ?? '');
    return [report, ...others.filter((r) => r.id !== report.id)];
  }

  /** Marks alerts acknowledged by this moderator (those not already): their escalation stops. */
  async function acknowledgeAll(p: Principal, alerts: readonly ReportRecord[]): Promise<number> {
    let changed = 0;
    for (const r of alerts) {
      if (r.acknowledgedAt !== undefined || r.status !== 'received') continue;
      // Compare-and-set on the report as stored now: a copy read earlier never reopens a report someone
      // resolved meanwhile, nor brings back a text that was erased.
      const at = now();
      const updated = await store.updateReport(
        r.id,
        { status: 'received', unacknowledged: true },
        (current) => ({ ...current, acknowledgedAt: at, acknowledgedBy: p.pseudonym }),
      );
      if (updated.ok) changed++;
    }
    return changed;
  }

  /** What moderators see of an alert's message: the posted one, the held one, or nothing (refused, kept). */
  async function alertMessage(r: ReportRecord): Promise<Message | null> {
    if (r.refused || r.held === 'kept') return null;
    if (r.held === 'pending') {
      return {
        groupId: r.groupId,
        seq: 0,
        ts: r.createdAt,
        kind: 'text',
        author: { tag: r.heldTag ?? '', name: r.heldName ?? '' },
        text: r.heldText ?? '',
      };
    }
    const message = await deps.messages.get(r.groupId, r.seq);
    if (!message) return null;
    const { accountId: _hidden, ...wire } = message;
    return wire;
  }

  /** A held message that will never be posted: its text is erased (the sender is told: `tellKept`). */
  function keepHidden(r: ReportRecord): ReportRecord {
    if (r.held !== 'pending') return r;
    const { heldText: _erased, ...kept } = r;
    return { ...kept, held: 'kept' };
  }
  /**
   * Older versions stored the text a participant revealed with a one-to-one report (`revealedText`, with
   * `revealedVerified`); nothing reads it now, and this drops it from a stored report.
   */
  function withoutRevealedText(r: ReportRecord): ReportRecord {
    const {
      revealedText: _text,
      revealedVerified: _verified,
      ...kept
    } = r as ReportRecord & {
      revealedText?: unknown;
      revealedVerified?: unknown;
    };
    return kept;
  }
  /** Erases the text older versions stored with open one-to-one reports (resolving erased it from the others). */
  async function eraseRevealedTexts(): Promise<void> {
    for (const r of await store.openReports([CONVO_QUEUE], OPEN_CONVERSATION_REPORTS_MAX)) {
      if (!('revealedText' in r) && !('revealedVerified' in r)) continue;
      await store.updateReport(r.id, { status: 'received' }, withoutRevealedText);
    }
  }
  /** Tells the sender their held message stays hidden (after the decision was stored). */
  function tellKept(before: ReportRecord): void {
    if (before.held !== 'pending' || !before.subjectId || !before.heldClientId) return;
    deps.notify.held(before.subjectId, {
      groupId: before.groupId,
      clientId: before.heldClientId,
      outcome: 'kept',
      seq: null,
    });
  }

  /**
   * What coordinators see of the queue: the urgent items (at-risk alerts and reports), as metadata only. Which group,
   * why, since when, how many alerts, who acknowledged and when; never a message, held text, a note, the reporter
   * or the member it is about. One-to-one reports come to them this way too, urgent or not. Enough to see that
   * someone is being looked after, to acknowledge, to reach out (`mod:reach-out`: the server finds the member) and
   * to appoint a moderator.
   */
  async function coordinatorQueue(names: ReadonlyMap<string, string>): Promise<QueueItem[]> {
    const queues = [...names.keys(), CONVO_QUEUE];
    const open = (await store.openReports(queues, perQueue(queues.length)))
      .filter((r) => r.urgent || r.conversationId !== undefined)
      .sort((a, b) => reportPriority(a) - reportPriority(b))
      .slice(0, QUEUE_ITEMS);
    return Promise.all(
      groupAlerts(open).map(async ([lead]): Promise<QueueItem> => {
        const alerts = await alertsLike(lead as ReportRecord);
        const r = alerts[0] as ReportRecord;
        const subjectErased = alerts.every((a) => a.subjectErased === true);
        return {
          id: r.id,
          groupId: r.groupId,
          groupName: r.conversationId !== undefined ? CONVERSATION_GROUP_NAME : (names.get(r.groupId) ?? ''),
          reason: r.reason,
          note: '',
          urgent: r.urgent,
          automatic: !r.reporterId && r.conversationId === undefined,
          status: r.status,
          createdAt: r.createdAt,
          reporter: null,
          message: null,
          before: [],
          after: [],
          ...(alertKey(r) !== null
            ? { alerts: alerts.map((a) => ({ id: a.id, createdAt: a.createdAt, message: null })) }
            : {}),
          ...(subjectErased
            ? { subjectErased: true }
            : !r.urgent
              ? {}
              : {
                  acknowledged: alerts.every((a) => a.acknowledgedAt !== undefined)
                    ? { by: r.acknowledgedBy ?? 'a moderator', at: r.acknowledgedAt ?? r.createdAt }
                    : null,
                }),
        };
      }),
    );
  }

  async function moderatedGroups(p: Principal): Promise<{ id: string; name: string }[]> {
    const all = await deps.groups.allGroups();
    if (p.role === 'admin') return all;
    const mine = new Set(await store.moderatedGroups(p.accountId));
    return all.filter((g) => mine.has(g.id));
  }

  async function removeMessage(p: Principal, groupId: string, seq: number, reason: string): Promise<void> {
    const noSuchMessage = () => new AppError(ErrorCode.NOT_FOUND, 'No such message.');
    // Authorized before any per-group work: whatever group id a caller sends, the group's state is read (and
    // cached) only for its members and moderators.
    if (p.role === 'admin') throw coordinatorsDontRead();
    const mayModerate = (await store.moderatedGroups(p.accountId)).includes(groupId);
    if (!mayModerate && !(await deps.groups.member(groupId, p.accountId))) throw noSuchMessage();
    if (await activeGlobalBan(p.accountId)) throw noSuchMessage();
    const s = await state(groupId);
    const moderator = s.moderators.has(p.accountId) && !activeBan(s, p.accountId);
    // Someone outside the group (a banned or kicked author included) gets the answer a missing message gets:
    // nothing about what the group holds, and no deleting what is under report after a ban.
    if (!moderator && (activeBan(s, p.accountId) || !(await deps.groups.member(groupId, p.accountId))))
      throw noSuchMessage();
    const message = await deps.messages.get(groupId, seq);
    if (!message) throw noSuchMessage();
    const own = message.accountId === p.accountId;
    if (!own && !moderator) throw forbidden();
    const by = own && !moderator ? 'author' : 'moderator';
    const outcome = await deps.messages.remove(groupId, seq, by);
    if (outcome !== 'removed') return; // already removed: idempotent, nothing to announce or record again
    deps.notify.removed(groupId, seq, by);
    if (by === 'moderator')
      await audit(
        p,
        'remove-message',
        groupId,
        `message #${seq} by ${message.author?.name ?? 'system'}`,
        reason || 'removed',
      );
  }

  async function mute(p: Principal, groupId: string, tag: string, minutes: number, reason: string) {
    const s = await requireModerator(p, groupId);
    const m = await target(groupId, tag);
    await requireMayActOn(p, s, m.accountId);
    const until = now() + minutes * 60_000;
    await store.setMute(groupId, m.accountId, { until, reason });
    await deps.publish('moderation:group', { groupId });
    deps.notify.notice(m.accountId, { groupId, kind: 'muted', until, reason });
    await audit(p, 'mute', groupId, `${m.name} for ${durationWords(minutes)}`, reason);
    return { until };
  }

  async function ban(
    p: Principal,
    groupId: string,
    tag: string,
    minutes: number | null,
    reason: string,
    global: boolean,
  ) {
    // A ban from Staffroom is a coordinator's (no content needed); a group ban, the group's moderators'.
    if (global) requireAdmin(p);
    const s = global ? await state(groupId) : await requireModerator(p, groupId);
    const m = await target(groupId, tag);
    await requireMayActOn(p, s, m.accountId);
    const until = minutes === null ? null : now() + minutes * 60_000;
    const record: BanRecord = {
      id: newId(),
      groupId: global ? null : groupId,
      accountId: m.accountId,
      name: m.name,
      until,
      reason,
      at: now(),
    };
    await store.saveBan(record);
    if (global) {
      // The ban from Staffroom reaches every node and every session ends first; then the moderator rights go
      // group by group (each publish waits for every node). Until then the ban itself stops everything.
      await deps.publish('moderation:global-ban', { accountId: m.accountId });
      await deps.endAllSessions(m.accountId);
      await dropModerator(m.accountId, await store.moderatedGroups(m.accountId));
    } else {
      // A banned moderator is a moderator no more here.
      await dropModerator(m.accountId, s.moderators.has(m.accountId) ? [groupId] : []);
      await deps.groups.removeMember(groupId, m.accountId);
      // Every node drops the member's sockets from the group before this resolves, so nothing they send after
      // the moderator's ack is accepted and nothing is delivered to them.
      await deps.publish('moderation:evict', { groupId, accountId: m.accountId, reason: 'banned' });
    }
    deps.notify.notice(m.accountId, { groupId: global ? null : groupId, kind: 'banned', until, reason });
    await audit(
      p,
      global ? 'ban-global' : 'ban',
      groupId,
      `${m.name} ${minutes === null ? 'permanently' : `for ${durationWords(minutes)}`}`,
      reason,
    );
    return { banId: record.id, until };
  }

  /**
   * The guards on a text that is not a group message (a meeting title, a profile text, feedback, a report's
   * note), the way group messages get them: identifying details need an explicit "anyway"
   * (PRIVACY_CONFIRM_REQUIRED with the findings), and a text that suggests risk, to the writer or to someone
   * they write about, brings the crisis contacts back to show the writer privately. Never blocks for risk.
   */
  function checkText(
    text: string,
    opts: { confirmIdentifying: boolean; privacy?: boolean; crisis?: boolean; field?: string },
  ): { support: SupportResource[] | null; risk: boolean; concernForOther: boolean } {
    if (!text.trim()) return { support: null, risk: false, concernForOther: false };
    const result = opts.crisis === false ? null : detectCrisis(text);
    const risk = result?.risk === true;
    const concernForOther = result?.concernForOther === true;
    const support = risk || concernForOther ? deps.guards.crisisResources : null;
    if (opts.privacy !== false && !opts.confirmIdentifying) {
      const findings = detectIdentifying(text, { schoolNames: deps.guards.schoolNames });
      if (findings.length > 0) {
        // The question about identifying details must not hide the resources: the writer may never answer it.
        throw new AppError(
          ErrorCode.PRIVACY_CONFIRM_REQUIRED,
          `This may identify you or someone else: ${describeFindings(findings)}.`,
          {
            findings: findings.map((f) => ({ kind: f.kind, match: f.match })),
            ...(opts.field ? { field: opts.field } : {}),
            ...(support ? { support } : {}),
          },
        );
      }
    }
    return { support, risk, concernForOther };
  }

  /** Whether this member may post in a group with moderation state `s`; throws BANNED, MUTED, GROUP_LOCKED. */
  function mayPost(p: Principal, s: GroupModeration, globalBan: BanRecord | null): { slowMs: number } {
    // Checked on every send, not only when the group was opened: a ban that lands between `group:open`'s check
    // and its room join must still stop the posting.
    // No coordinator gets here: they open no group (`requireMembership`), and only an open group takes a post.
    if (activeBan(s, p.accountId)) throw new AppError(ErrorCode.BANNED, 'You are banned from this group.');
    if (globalBan) throw new AppError(ErrorCode.BANNED, 'You are banned from Staffroom.');
    if (s.moderators.has(p.accountId)) return { slowMs: 0 };
    const muted = s.mutes.get(p.accountId);
    if (muted && muted.until > now()) {
      throw new AppError(
        ErrorCode.MUTED,
        `A moderator muted you here for ${durationWords(Math.ceil((muted.until - now()) / 60_000))} more.`,
        {
          until: muted.until,
        },
      );
    }
    if (s.settings.locked)
      throw new AppError(ErrorCode.GROUP_LOCKED, 'This group is locked: you can read, not post.');
    return { slowMs: s.settings.slowSeconds * 1000 };
  }

  /**
   * The blocked terms of a group: Staffroom's list and the group's own, the same array for as long as the
   * cached state lives, so the guard's compiled form (cached per array) is reused rather than built per message.
   */
  const termsByState = new WeakMap<GroupModeration, readonly string[]>();
  const blockedTermsOf = (s: GroupModeration): readonly string[] => {
    if (s.settings.blockedTerms.length === 0) return deps.guards.blockedTerms;
    let terms = termsByState.get(s);
    if (!terms) {
      terms = [...deps.guards.blockedTerms, ...s.settings.blockedTerms];
      termsByState.set(s, terms);
    }
    return terms;
  };

  /**
   * The guards, applied to the text as members will read it: blocked terms refuse, identifying details need
   * the member's explicit "send anyway", risk is flagged (never blocked). Synchronous except when a refused
   * message suggests risk (its alert is raised before the refusal is thrown).
   */
  function screenWith(
    groupId: string,
    s: GroupModeration,
    text: string,
    confirmIdentifying: boolean,
    sender?: { accountId: string; clientId: string },
  ): Screened | Promise<never> {
    // Risk is looked at before anything may refuse the message: a refusal must not hide it.
    const crisis = detectCrisis(text).risk;
    const blocked = findBlockedTerms(text, blockedTermsOf(s));
    if (blocked.length > 0) {
      const refusal = new AppError(
        ErrorCode.BLOCKED_TERM,
        'This message contains a term this community does not allow.',
        crisis ? { support: deps.guards.crisisResources } : {},
      );
      if (crisis && sender)
        return raiseRefusedCrisis(groupId, sender).then(() => {
          throw refusal;
        });
      throw refusal;
    }
    if (!confirmIdentifying) {
      const findings = detectIdentifying(text, { schoolNames: deps.guards.schoolNames });
      if (findings.length > 0) {
        const question = new AppError(
          ErrorCode.PRIVACY_CONFIRM_REQUIRED,
          `This may identify you or someone else: ${describeFindings(findings)}.`,
          {
            findings: findings.map((f) => ({ kind: f.kind, match: f.match })),
            ...(crisis ? { support: deps.guards.crisisResources } : {}),
          },
        );
        // The writer may never answer the question (they close the tab): moderators know now, as for a
        // refusal; sending it anyway later adds its alert to the same item (alerts about one person are one).
        if (crisis && sender)
          return raiseRefusedCrisis(groupId, sender, 'identifying').then(() => {
            throw question;
          });
        throw question;
      }
    }
    // Held for review where the group asks for it; a moderator's own message is posted (they are the reviewers).
    const hold = crisis && s.settings.holdFlagged && !(sender && s.moderators.has(sender.accountId));
    return { crisis, hold };
  }

  /**
   * `mayPost` for the send path: a mute or a locked group refuses the message, but must not hide risk. Such a
   * refusal of a message that suggests risk carries the resources, and moderators get the same urgent item as
   * for a blocked term (never the text), raised before the refusal is thrown.
   */
  function mayPostHeard(
    p: Principal,
    s: GroupModeration,
    globalBan: BanRecord | null,
    groupId: string,
    text: string,
    sender: { accountId: string; clientId: string },
  ): { slowMs: number } | Promise<never> {
    try {
      return mayPost(p, s, globalBan);
    } catch (err) {
      if (!(err instanceof AppError) || !detectCrisis(text).risk) throw err;
      const why =
        err.code === ErrorCode.MUTED ? 'muted' : err.code === ErrorCode.GROUP_LOCKED ? 'locked' : null;
      if (why === null) throw err;
      const refusal = new AppError(err.code, err.message, {
        ...err.details,
        support: deps.guards.crisisResources,
      });
      return raiseRefusedCrisis(groupId, sender, why).then(() => {
        throw refusal;
      });
    }
  }

  return {
    /** Who may post here and how often; throws MUTED or GROUP_LOCKED. Served from the node's cache. */
    async postingPolicy(p: Principal, groupId: string): Promise<{ slowMs: number }> {
      const s = await state(groupId);
      return mayPost(p, s, await activeGlobalBan(p.accountId));
    },

    /** What a member's composer should know when opening a group. */
    async postingState(p: Principal, groupId: string) {
      const s = await state(groupId);
      const muted = s.mutes.get(p.accountId);
      return {
        locked: s.settings.locked,
        slowSeconds: s.settings.slowSeconds,
        mutedUntil: muted && muted.until > now() ? muted.until : null,
        careCard: s.settings.careCard,
      };
    },

    /**
     * `postingPolicy` then the guards (`screenWith`) in one call, for the send path: when this node's cache already holds the
     * group's moderation state and the sender's Staffroom-wide ban (the usual case), it decides synchronously
     * (no promise, no microtask); otherwise it reads them first. Throws what those throw, in that order.
     */
    admitPost(
      p: Principal,
      groupId: string,
      text: string,
      confirmIdentifying: boolean,
      sender: { accountId: string; clientId: string },
    ): Admitted | Promise<Admitted> {
      const group = groupCache.get(groupId)?.settled;
      const global = globalBanCache.get(p.accountId)?.settled;
      if (!group || !global) {
        return (async () => {
          const s = await state(groupId);
          const ban = await activeGlobalBan(p.accountId);
          const { slowMs } = await mayPostHeard(p, s, ban, groupId, text, sender);
          return { slowMs, ...(await screenWith(groupId, s, text, confirmIdentifying, sender)) };
        })();
      }
      const allowed = mayPostHeard(p, group.value, liveBan(global.value), groupId, text, sender);
      if ('then' in allowed) return allowed;
      const { slowMs } = allowed;
      const screened = screenWith(groupId, group.value, text, confirmIdentifying, sender);
      // A promise here only ever rejects (a refused message whose alert is raised first).
      return 'then' in screened ? screened : { slowMs, ...screened };
    },

    /**
     * Holds a flagged message for review instead of posting it: the held message and its urgent item are one
     * record, written in one step, so there is never one without the other. Idempotent by client id: a retry
     * answers the first outcome (and the seq, once released).
     */
    async hold(
      groupId: string,
      held: { accountId: string; tag: string; name: string; text: string; clientId: string },
    ): Promise<{ ts: number; seq: number | null; duplicate: boolean; support: SupportResource[] }> {
      const id = derivedId('hd', groupId, held.accountId, held.clientId);
      const once = legacyDerivedId('hd', groupId, held.accountId, held.clientId);
      const support = deps.guards.crisisResources;
      const existing = await store.getReport(id);
      if (existing) {
        const seq = existing.held === 'released' && existing.seq > 0 ? existing.seq : null;
        return { ts: existing.createdAt, seq, duplicate: true, support };
      }
      // Exact, however many reports the group's queue holds (the member's own index).
      const waiting = (await store.heldBy(groupId, held.accountId)).length;
      if (waiting >= HELD_MAX) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          'Your messages are waiting for a moderator. They will look at them soon.',
          { retryAfterMs: 60_000 },
        );
      }
      const ts = now();
      const { id: filed, duplicate } = await store.createReport(
        {
          id,
          groupId,
          seq: 0,
          reason: 'crisis',
          note: 'Held for review: the group holds messages the crisis guard flags.',
          reporterId: '',
          urgent: true,
          status: 'received',
          createdAt: ts,
          subjectId: held.accountId,
          held: 'pending',
          heldText: held.text,
          heldClientId: held.clientId,
          heldTag: held.tag,
          heldName: held.name,
        },
        `held:${once}`,
      );
      if (!duplicate) deps.notify.queueChanged(groupId, true);
      const first = duplicate ? await store.getReport(filed) : null;
      return {
        ts: first?.createdAt ?? ts,
        seq: first?.held === 'released' && first.seq > 0 ? first.seq : null,
        duplicate,
        support,
      };
    },

    /** The sender's own messages still held for review in this group (for the group page). */
    async heldFor(p: Principal, groupId: string): Promise<HeldMessage[]> {
      return (await store.heldBy(groupId, p.accountId))
        .filter((r) => r.heldClientId)
        .map((r) => ({ groupId, clientId: r.heldClientId ?? '', text: r.heldText ?? '', ts: r.createdAt }));
    },

    /**
     * A moderator releases a held message to the group, or keeps it hidden; the sender is told, never punished.
     * One decision wins: each is a compare-and-set on the report while it is pending, so a message another
     * moderator chose to keep hidden is never published, and a released one is never hidden after.
     */
    async decideHeld(
      p: Principal,
      input: { reportId: string; decision: 'release' | 'keep' },
    ): Promise<{ seq: number | null }> {
      const report = await reportFor(p, input.reportId, 'review');
      const decided = () => new AppError(ErrorCode.CONFLICT, 'This message is not waiting for a decision.');
      if (report.held !== 'pending' || !report.subjectId) throw decided();
      const subjectId = report.subjectId;
      const ackOf = (r: ReportRecord) => ({
        acknowledgedAt: r.acknowledgedAt ?? now(),
        acknowledgedBy: r.acknowledgedBy ?? p.pseudonym,
      });
      if (input.decision === 'keep') {
        const kept = await store.updateReport(report.id, { status: 'received', held: 'pending' }, (r) => ({
          ...keepHidden(r),
          ...ackOf(r),
        }));
        if (!kept.ok) throw decided();
        tellKept(report);
        await audit(
          p,
          'keep-held',
          report.groupId,
          `a held message by ${report.heldName ?? ''}`,
          'kept hidden',
        );
        deps.notify.queueChanged(report.groupId, false);
        return { seq: null };
      }
      if (!(await deps.groups.member(report.groupId, subjectId)))
        throw new AppError(
          ErrorCode.CONFLICT,
          'The member has left this group: the message can only stay hidden.',
        );
      // Claimed before it is posted (released, no seq yet, its text kept until posted): a "keep" after this
      // loses; one that came first makes this lose, and nothing is posted.
      const claimed = await store.updateReport(report.id, { status: 'received', held: 'pending' }, (r) => ({
        ...r,
        ...ackOf(r),
        held: 'released',
        seq: 0,
      }));
      if (!claimed.ok) throw decided();
      const held = claimed.report;
      let seq: number;
      try {
        ({ seq } = await deps.messages.release(held.groupId, {
          accountId: subjectId,
          tag: held.heldTag ?? '',
          name: held.heldName ?? '',
          text: held.heldText ?? '',
          clientId: held.heldClientId ?? '',
        }));
      } catch (err) {
        // Not posted: it waits for a decision again.
        await store.updateReport(report.id, { held: 'released', seq: 0 }, (r) => ({ ...r, held: 'pending' }));
        throw err;
      }
      await store.updateReport(report.id, { held: 'released', seq: 0 }, (r) => {
        const { heldText: _posted, ...rest } = r;
        return { ...rest, seq };
      });
      deps.notify.held(subjectId, {
        groupId: report.groupId,
        clientId: report.heldClientId ?? '',
        outcome: 'released',
        seq,
      });
      await audit(
        p,
        'release-held',
        report.groupId,
        `message #${seq} by ${report.heldName ?? ''}`,
        'released to the group',
      );
      deps.notify.queueChanged(report.groupId, false);
      return { seq };
    },

    checkText,

    /**
     * Compiles the guards' regexes before the first member's message does: V8 compiles each regex on first use
     * and again to machine code on the second, about 0.4 s in all, which would block the whole node. The samples
     * reach the crisis cues and every privacy detector, not only their cheap probes.
     */
    warmGuards(): void {
      for (let round = 0; round < 2; round++) {
        for (const text of GUARD_WARMUP) {
          findBlockedTerms(text, deps.guards.blockedTerms);
          detectIdentifying(text, { schoolNames: deps.guards.schoolNames });
          detectCrisis(text);
        }
      }
    },

    /**
     * After a stored message that suggests risk: an urgent item tops the moderators' queue; the sender gets
     * resources. Idempotent: the item's id derives from (groupId, seq), and an existing item is left as it is.
     */
    async raiseCrisis(groupId: string, seq: number): Promise<SupportResource[]> {
      const message = await deps.messages.get(groupId, seq);
      // One item per (group, seq), created atomically: a retry after a lost ack, the sweep and another node
      // racing all find the same item, and a handled one is not reopened.
      const { duplicate } = await store.createReport(
        {
          id: derivedId('cr', groupId, String(seq)),
          groupId,
          seq,
          reason: 'crisis',
          note: 'Raised automatically by the crisis guard.',
          reporterId: '',
          urgent: true,
          status: 'received',
          createdAt: message?.ts ?? now(),
          ...(message?.accountId ? { subjectId: message.accountId } : {}),
        },
        `auto:${groupId}:${seq}`,
      );
      if (!duplicate) deps.notify.queueChanged(groupId, true);
      return deps.guards.crisisResources;
    },

    /**
     * A message refused before the guards ran (longer than the limit): when it suggests risk, moderators get the
     * refused-message item (never the text; one per client id) and the sender the resources. Null: no risk.
     */
    async refusedRisk(
      groupId: string,
      text: string,
      sender: { accountId: string; clientId: string },
    ): Promise<SupportResource[] | null> {
      if (!detectCrisis(text).risk) return null;
      await raiseRefusedCrisis(groupId, sender, 'too-long');
      return deps.guards.crisisResources;
    },

    /** Refuses a rejoin while banned from the group. */
    async joinGate(p: Principal, groupId: string): Promise<void> {
      const ban = (await state(groupId)).bans.get(p.accountId);
      if (ban && (ban.until === null || ban.until > now())) {
        throw new AppError(
          ErrorCode.BANNED,
          'You are banned from this group.',
          ban.until ? { until: ban.until } : {},
        );
      }
    },

    activeGlobalBan,
    async activeBans(accountId: string, groupIds: readonly string[]) {
      const at = now();
      const states = await Promise.all(groupIds.map((id) => state(id)));
      const active = new Map<string, number | null>();
      states.forEach((st, i) => {
        const ban = st.bans.get(accountId);
        if (ban && (ban.until === null || ban.until > at)) active.set(groupIds[i] as string, ban.until);
      });
      return active;
    },
    isModeratorOf: async (p: Principal, groupId: string) =>
      p.role !== 'admin' && (await state(groupId)).moderators.has(p.accountId),
    moderatedGroupIds: (accountId: string) => store.moderatedGroups(accountId),

    /** Cluster change handlers call these on every node. */
    invalidateGroup: (groupId: string) => void groupCache.delete(groupId),
    invalidateGlobalBan: (accountId: string) => void globalBanCache.delete(accountId),
    clearCaches() {
      groupCache.clear();
      globalBanCache.clear();
    },

    removeMessage,
    mute,
    ban,

    async unmute(p: Principal, groupId: string, tag: string): Promise<void> {
      await requireModerator(p, groupId);
      const m = await target(groupId, tag);
      await store.setMute(groupId, m.accountId, null);
      await deps.publish('moderation:group', { groupId });
      deps.notify.notice(m.accountId, { groupId, kind: 'unmuted', until: null, reason: '' });
      await audit(p, 'unmute', groupId, m.name, 'unmuted');
    },

    async kick(p: Principal, groupId: string, tag: string, reason: string): Promise<void> {
      const s = await requireModerator(p, groupId);
      const m = await target(groupId, tag);
      await requireMayActOn(p, s, m.accountId);
      await deps.groups.removeMember(groupId, m.accountId);
      await deps.publish('moderation:evict', { groupId, accountId: m.accountId, reason: 'kicked' });
      deps.notify.notice(m.accountId, { groupId, kind: 'kicked', until: null, reason });
      await audit(p, 'kick', groupId, m.name, reason);
    },

    /** Admins: a ban from Staffroom by pseudonym, for an account in no group as for any other. */
    async banAccount(p: Principal, pseudonym: string, minutes: number | null, reason: string) {
      requireAdmin(p);
      const account = await deps.accounts.findByPseudonym(pseudonym);
      if (!account) throw new AppError(ErrorCode.NOT_FOUND, 'No account uses that pseudonym.');
      if (account.role === 'admin')
        throw new AppError(ErrorCode.FORBIDDEN, 'Coordinators cannot be muted, removed or banned.');
      const until = minutes === null ? null : now() + minutes * 60_000;
      const record: BanRecord = {
        id: newId(),
        groupId: null,
        accountId: account.id,
        name: account.pseudonym,
        until,
        reason,
        at: now(),
      };
      await store.saveBan(record);
      // The ban reaches every node and every session ends before the rights go group by group.
      await deps.publish('moderation:global-ban', { accountId: account.id });
      await deps.endAllSessions(account.id);
      await dropModerator(account.id, await store.moderatedGroups(account.id));
      await audit(
        p,
        'ban-global',
        null,
        `${account.pseudonym} ${minutes === null ? 'permanently' : `for ${durationWords(minutes)}`}`,
        reason,
      );
      return { banId: record.id, until };
    },

    /** Moderators and coordinators: a new join code; the old one (a leaked invite link) stops working at once. */
    async rotateJoinCode(p: Principal, groupId: string, reason: string): Promise<{ joinCode: string }> {
      await requireGroupManager(p, groupId);
      const joinCode = await deps.groups.rotateJoinCode(groupId);
      await audit(p, 'rotate-join-code', groupId, 'join code', reason);
      return { joinCode };
    },

    async unban(p: Principal, banId: string, reason: string): Promise<void> {
      const record = await store.findBan(banId);
      if (!record) throw new AppError(ErrorCode.NOT_FOUND, 'No such ban.');
      if (record.groupId) await requireModerator(p, record.groupId);
      else requireAdmin(p);
      await store.deleteBan(record);
      if (record.groupId) await deps.publish('moderation:group', { groupId: record.groupId });
      else await deps.publish('moderation:global-ban', { accountId: record.accountId, lifted: true });
      await audit(p, record.groupId ? 'unban' : 'unban-global', record.groupId, record.name, reason);
    },

    async updateSettings(
      p: Principal,
      groupId: string,
      patch: Partial<ModerationSettings>,
      reason: string,
    ): Promise<ModerationSettings> {
      const s = await requireGroupManager(p, groupId);
      const next: ModerationSettings = {
        ...s.settings,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      await store.saveSettings(groupId, next);
      await deps.publish('moderation:group', { groupId });
      deps.notify.settings(groupId, next);
      if (next.locked !== s.settings.locked)
        await audit(p, next.locked ? 'lock' : 'unlock', groupId, 'group', reason);
      if (next.slowSeconds !== s.settings.slowSeconds) {
        await audit(
          p,
          'slow-mode',
          groupId,
          next.slowSeconds ? `one message per ${next.slowSeconds} s` : 'off',
          reason,
        );
      }
      if (JSON.stringify(next.blockedTerms) !== JSON.stringify(s.settings.blockedTerms)) {
        await audit(p, 'blocked-terms', groupId, `${next.blockedTerms.length} terms`, reason);
      }
      if (next.careCard !== s.settings.careCard)
        await audit(p, 'care-card', groupId, next.careCard ? 'pinned' : 'unpinned', reason);
      if (next.holdFlagged !== s.settings.holdFlagged)
        await audit(p, 'hold-for-review', groupId, next.holdFlagged ? 'on' : 'off', reason);
      return next;
    },

    async setModerator(p: Principal, groupId: string, tag: string, on: boolean): Promise<void> {
      requireAdmin(p);
      const m = await target(groupId, tag);
      await store.setModerator(groupId, m.accountId, on);
      await deps.publish('moderation:moderator', { groupId, accountId: m.accountId, on });
      await audit(
        p,
        on ? 'appoint-moderator' : 'remove-moderator',
        groupId,
        m.name,
        on ? 'appointed' : 'removed',
      );
    },

    /**
     * Coordinators: whom they may appoint to this group by pseudonym, before those accounts have joined it:
     * accounts invited as moderators only (a member, consultant or coordinator is never offered), not already its
     * moderators, not banned. Also this group's moderators who have not joined it (the member list cannot show
     * them). Pseudonyms only: never an account id, an alias or whether someone is in the group.
     */
    async moderatorCandidates(
      p: Principal,
      groupId: string,
    ): Promise<{ candidates: { pseudonym: string }[]; outside: { pseudonym: string }[] }> {
      requireAdmin(p);
      if ((await deps.groups.name(groupId)) === null)
        throw new AppError(ErrorCode.NOT_FOUND, 'No such group.');
      const s = await state(groupId);
      const candidates: { pseudonym: string }[] = [];
      for (const a of await deps.accounts.invitedModerators()) {
        if (s.moderators.has(a.id) || activeBan(s, a.id) || (await activeGlobalBan(a.id))) continue;
        candidates.push({ pseudonym: a.pseudonym });
      }
      const outside: { pseudonym: string }[] = [];
      for (const accountId of s.moderators) {
        if (await deps.groups.member(groupId, accountId)) continue;
        const pseudonym = await deps.accounts.pseudonymOf(accountId);
        if (pseudonym) outside.push({ pseudonym });
      }
      const byName = (a: { pseudonym: string }, b: { pseudonym: string }) =>
        a.pseudonym.localeCompare(b.pseudonym);
      return { candidates: candidates.sort(byName), outside: outside.sort(byName) };
    },

    /**
     * Coordinators: appoint an account invited as a moderator to a group by pseudonym, whether or not it has
     * joined (or remove a moderator who has not joined). Anyone else, or an account of another role, is refused
     * with FORBIDDEN; the rights hold on every node before the ack.
     */
    async appointByPseudonym(p: Principal, groupId: string, pseudonym: string, on: boolean): Promise<void> {
      requireAdmin(p);
      if ((await deps.groups.name(groupId)) === null)
        throw new AppError(ErrorCode.NOT_FOUND, 'No such group.');
      const account = await deps.accounts.findByPseudonym(pseudonym);
      if (!account) throw new AppError(ErrorCode.NOT_FOUND, 'No account uses that pseudonym.');
      const s = await state(groupId);
      if (on) {
        if (account.role !== 'moderator')
          throw new AppError(
            ErrorCode.FORBIDDEN,
            'Only accounts invited as moderators can be appointed this way. Appoint members from the member list.',
          );
        if (activeBan(s, account.id) || (await activeGlobalBan(account.id)))
          throw new AppError(ErrorCode.BANNED, 'That account is banned and cannot moderate.');
        if (s.moderators.has(account.id)) return;
      } else if (!s.moderators.has(account.id)) {
        throw new AppError(ErrorCode.NOT_FOUND, 'That account does not moderate this group.');
      }
      await store.setModerator(groupId, account.id, on);
      await deps.publish('moderation:moderator', { groupId, accountId: account.id, on });
      // In the log under the name this group knows them by, or their pseudonym when they have not joined.
      const member = await deps.groups.member(groupId, account.id);
      await audit(
        p,
        on ? 'appoint-moderator' : 'remove-moderator',
        groupId,
        member ? member.name : account.pseudonym,
        on ? 'appointed before joining' : 'removed',
      );
    },

    async members(
      p: Principal,
      groupId: string,
    ): Promise<{ members: MemberRow[]; bans: BanRow[]; settings: ModerationSettings }> {
      const s = await requireGroupManager(p, groupId);
      const at = now();
      const active = (b: BanRecord) => b.until === null || b.until > at;
      // Coordinators get the group's settings and the bans from Staffroom (to lift them), never who is in it.
      if (p.role === 'admin')
        return {
          members: [],
          bans: (await store.listGlobalBans()).filter(active).map(toBanRow),
          settings: s.settings,
        };
      const list = await deps.groups.members(groupId);
      return {
        members: list
          .map((m) => {
            const muted = s.mutes.get(m.accountId);
            return {
              tag: m.tag,
              name: m.name,
              isModerator: s.moderators.has(m.accountId),
              mutedUntil: muted && muted.until > at ? muted.until : null,
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name)),
        bans: [...s.bans.values()].filter(active).map(toBanRow),
        settings: s.settings,
      };
    },

    moderatedGroups,

    /**
     * The console's list of groups. Coordinators also get each group's moderators, by pseudonym (appointed, joined
     * or not; a banned one has lost the rights), so a group with none stands out: no member, alias or content.
     */
    async consoleGroups(p: Principal): Promise<{ id: string; name: string; moderators?: string[] }[]> {
      const groups = await moderatedGroups(p);
      if (p.role !== 'admin') return groups;
      return Promise.all(
        groups.map(async (g) => {
          const pseudonyms = await Promise.all(
            [...(await state(g.id)).moderators].map((id) => deps.accounts.pseudonymOf(id)),
          );
          const moderators = pseudonyms.filter((name): name is string => name !== null);
          return { ...g, moderators: moderators.sort((a, b) => a.localeCompare(b)) };
        }),
      );
    },

    async report(
      p: Principal,
      input: {
        groupId: string;
        seq: number;
        reason: ReportReason;
        note: string;
        confirmIdentifying?: boolean | undefined;
      },
    ): Promise<{ id: string; support?: SupportResource[] }> {
      if (!(await deps.groups.member(input.groupId, p.accountId)))
        throw new AppError(ErrorCode.NOT_FOUND, 'No such group.');
      const message = await deps.messages.get(input.groupId, input.seq);
      if (!message || message.kind === 'removed') throw new AppError(ErrorCode.NOT_FOUND, 'No such message.');
      // The note is read by moderators: the privacy guard asks first; a note that suggests risk makes it urgent.
      const { confirmIdentifying, ...fields } = input;
      const checked = checkText(input.note, {
        confirmIdentifying: confirmIdentifying === true,
        field: 'note',
      });
      const report: ReportRecord = {
        id: newId(),
        ...fields,
        reporterId: p.accountId,
        urgent: input.reason === 'crisis' || checked.support !== null,
        status: 'received',
        createdAt: now(),
      };
      // One report per reporter and message: asking again answers the first report's id.
      const filed = await store.createReport(report, `${p.accountId}:g:${input.groupId}:${input.seq}`);
      if (!filed.duplicate) deps.notify.queueChanged(input.groupId, report.urgent);
      return { id: filed.id, ...(checked.support ? { support: checked.support } : {}) };
    },

    /**
     * A participant reports a one-to-one conversation (at a message, by number): a reason and their own note,
     * checked as a group report's note is; never any text of the conversation. The caller has checked that the reporter
     * takes part in it and that the message exists.
     */
    async reportConversation(
      p: Principal,
      input: {
        conversationId: string;
        seq: number;
        reason: ReportReason;
        note: string;
        confirmIdentifying?: boolean | undefined;
      },
    ): Promise<{ id: string; support?: SupportResource[] }> {
      const checked = checkText(input.note, {
        confirmIdentifying: input.confirmIdentifying === true,
        field: 'note',
      });
      const report: ReportRecord = {
        id: newId(),
        groupId: '',
        seq: input.seq,
        reason: input.reason,
        note: input.note,
        reporterId: p.accountId,
        // A note that suggests risk is urgent whatever the reason: it tops the queue and coordinators see it.
        urgent: input.reason === 'crisis' || checked.support !== null,
        status: 'received',
        createdAt: now(),
        conversationId: input.conversationId,
      };
      const filed = await store.createReport(report, `${p.accountId}:c:${input.conversationId}:${input.seq}`);
      if (!filed.duplicate) deps.notify.queueChanged('', report.urgent);
      return { id: filed.id, ...(checked.support ? { support: checked.support } : {}) };
    },

    async myReports(p: Principal): Promise<MyReport[]> {
      const reports = await store.reportsBy(p.accountId);
      return reports.map((r) => ({
        id: r.id,
        groupId: r.groupId,
        reason: r.reason,
        status: r.status,
        createdAt: r.createdAt,
      }));
    },

    async queue(p: Principal): Promise<QueueItem[]> {
      const groups = await moderatedGroups(p);
      const names = new Map(groups.map((g) => [g.id, g.name]));
      if (p.role === 'admin') return coordinatorQueue(names);
      // One-to-one reports have no group: program moderators review them.
      const queues = [...names.keys(), ...(reviewsConversations(p) ? [CONVO_QUEUE] : [])];
      // Each group's queue gives its most urgent and oldest, so a flood in one group hides nobody else's.
      const open = (await store.openReports(queues, perQueue(queues.length)))
        .sort((a, b) => reportPriority(a) - reportPriority(b))
        .slice(0, QUEUE_ITEMS);
      return Promise.all(
        groupAlerts(open).map(async ([lead]): Promise<QueueItem> => {
          // An item is the person: every open alert about them, also those further down their group's queue.
          const alerts = await alertsLike(lead as ReportRecord);
          const r = alerts[0] as ReportRecord;
          if (r.conversationId !== undefined) return conversationItem(r);
          // A refused or held message has no seq: no context to show.
          const [messages, context, reporter, subject, s] = await Promise.all([
            Promise.all(alerts.map(alertMessage)),
            r.seq > 0 && !r.refused
              ? deps.messages.around(r.groupId, r.seq, CONTEXT)
              : Promise.resolve({ before: [], after: [] }),
            r.reporterId ? deps.groups.member(r.groupId, r.reporterId) : Promise.resolve(null),
            r.subjectId ? deps.groups.member(r.groupId, r.subjectId) : Promise.resolve(null),
            state(r.groupId),
          ]);
          const everyAcknowledged = alerts.every((a) => a.acknowledgedAt !== undefined);
          // Nobody left to reach: the member erased their account after the alerts were raised.
          const subjectErased = alerts.every((a) => a.subjectErased === true);
          const grouped = alertKey(r) !== null;
          return {
            id: r.id,
            groupId: r.groupId,
            groupName: names.get(r.groupId) ?? '',
            reason: r.reason,
            note: r.note,
            urgent: alerts.some((a) => a.urgent),
            automatic: !r.reporterId,
            status: r.status,
            createdAt: r.createdAt,
            reporter: reporter ? { tag: reporter.tag, name: reporter.name } : null,
            message: messages[0] ?? null,
            before: context.before,
            after: context.after,
            ...(r.subjectId ? { subject: subject ? { tag: subject.tag, name: subject.name } : null } : {}),
            ...(r.refused ? { refused: true, refusedFor: r.refusedFor ?? 'blocked-term' } : {}),
            ...(r.held ? { held: r.held } : {}),
            ...(grouped
              ? {
                  alerts: alerts.map((a, i) => ({
                    id: a.id,
                    createdAt: a.createdAt,
                    message: messages[i] ?? null,
                    ...(a.refused ? { refused: true, refusedFor: a.refusedFor ?? 'blocked-term' } : {}),
                    ...(a.held ? { held: a.held } : {}),
                  })),
                }
              : {}),
            ...(subjectErased ? { subjectErased: true } : {}),
            ...(r.urgent && !subjectErased
              ? {
                  acknowledged: everyAcknowledged
                    ? { by: r.acknowledgedBy ?? 'a moderator', at: r.acknowledgedAt ?? r.createdAt }
                    : null,
                }
              : {}),
            ...(r.reason === 'crisis'
              ? { careCard: s.settings.careCard, holdFlagged: s.settings.holdFlagged }
              : {}),
          };
        }),
      );
    },

    async resolve(
      p: Principal,
      input: {
        reportId: string;
        action: 'dismiss' | 'remove' | 'mute' | 'ban';
        minutes?: number | null | undefined;
        reason: string;
      },
    ): Promise<void> {
      const report = await reportFor(p, input.reportId, 'review');
      if (report.conversationId !== undefined) {
        if (input.action !== 'dismiss') {
          throw new AppError(
            ErrorCode.CONFLICT,
            'A one-to-one report can only be reviewed (dismissed) here.',
          );
        }
      }
      const handled = () => new AppError(ErrorCode.CONFLICT, 'This report was already handled.');
      if (report.status !== 'received') throw handled();
      const message =
        report.refused || report.seq === 0 ? null : await deps.messages.get(report.groupId, report.seq);
      const authorId = message?.accountId || report.subjectId;
      const author = authorId ? await deps.groups.member(report.groupId, authorId) : null;
      if (input.action === 'remove' && report.refused)
        throw new AppError(ErrorCode.CONFLICT, 'That message was refused: there is nothing to remove.');
      if (input.action === 'remove' && report.seq === 0)
        throw new AppError(ErrorCode.CONFLICT, 'That message was never posted: there is nothing to remove.');
      if (input.action === 'remove') await removeMessage(p, report.groupId, report.seq, input.reason);
      if (input.action === 'mute' || input.action === 'ban') {
        if (!author) throw new AppError(ErrorCode.NOT_FOUND, 'The author is no longer in this group.');
        if (input.action === 'mute')
          await mute(p, report.groupId, author.tag, input.minutes ?? 60, input.reason);
        else await ban(p, report.groupId, author.tag, input.minutes ?? null, input.reason, false);
      }
      const status = input.action === 'dismiss' ? 'reviewed' : 'action-taken';
      // Alerts about the same member are one item: they are handled together (the others' messages removed too).
      const others = (await alertsLike(report)).slice(1);
      if (input.action === 'remove') {
        for (const o of others) {
          if (o.seq > 0 && !o.refused && o.held !== 'pending' && o.held !== 'kept')
            await removeMessage(p, o.groupId, o.seq, input.reason);
        }
      }
      let closed = 0;
      for (const r of [report, ...others]) {
        // A held message nobody released is kept only while it is being looked at: resolving erases it (and any
        // text an older version stored for a one-to-one report). Compare-and-set: only a report still open is
        // closed, from its stored state.
        const at = now();
        let wasHeld: ReportRecord | null = null;
        const updated = await store.updateReport(r.id, { status: 'received' }, (current) => {
          wasHeld = current.held === 'pending' ? current : null;
          const { heldText: _held, ...kept } = withoutRevealedText(keepHidden(current));
          return { ...kept, status, outcome: `${input.action}: ${input.reason}`, resolvedAt: at };
        });
        if (!updated.ok) {
          if (r === report) throw handled();
          continue;
        }
        closed++;
        if (wasHeld) tellKept(wasHeld);
      }
      if (closed === 0) throw handled();
      await audit(
        p,
        'resolve-report',
        report.groupId,
        others.length > 0
          ? `${others.length + 1} alerts about ${author?.name ?? 'a member'}: ${input.action}`
          : `report on message #${report.seq}: ${input.action}`,
        input.reason,
      );
      if (report.reporterId) deps.notify.reportUpdated(report.reporterId, report.id, status);
      deps.notify.queueChanged(report.groupId, false);
    },

    async readAudit(
      p: Principal,
      q: {
        groupId?: string | undefined;
        action?: AuditAction | undefined;
        actor?: string | undefined;
        before?: string | undefined;
        limit: number;
      },
    ): Promise<{ entries: AuditEntry[]; more: boolean }> {
      const allowed = p.role === 'admin' ? null : new Set(await store.moderatedGroups(p.accountId));
      // A program moderator who moderates no group yet has nothing here (one-to-one reviews are logged without
      // a group, for coordinators): an empty log, not an error.
      if (allowed && allowed.size === 0) {
        if (reviewsConversations(p) && !q.groupId) return { entries: [], more: false };
        throw forbidden();
      }
      if (q.groupId && allowed && !allowed.has(q.groupId)) throw forbidden();
      const actor = q.actor?.toLowerCase();
      const { entries, more } = await store.readAudit({
        before: q.before,
        limit: q.limit,
        accept: (e) =>
          (!allowed || (e.groupId !== null && allowed.has(e.groupId))) &&
          (!q.groupId || e.groupId === q.groupId) &&
          (!q.action || e.action === q.action) &&
          (!actor || e.actor.toLowerCase().includes(actor)),
      });
      return { entries: entries.map(({ actorId: _id, ...e }) => e), more };
    },

    /**
     * Supportive first: a private message from the moderation team to the member an at-risk item is about. Only
     * that member receives it (live on every node, and kept until read); the audit log records that it was sent,
     * not what it said.
     */
    async reachOut(p: Principal, input: { reportId: string; text: string }): Promise<{ id: string }> {
      const report = await reportFor(p, input.reportId, 'support');
      if (report.conversationId !== undefined) throw noSuchReport();
      // An at-risk item: the crisis guard's, a report for "someone may be at risk", or an urgent report (its note
      // suggested risk) under another reason.
      if (report.reason !== 'crisis' && !report.urgent)
        throw new AppError(ErrorCode.CONFLICT, 'Reaching out privately is for someone who may be at risk.');
      const message =
        report.refused || report.seq === 0 ? null : await deps.messages.get(report.groupId, report.seq);
      const accountId = report.subjectId || message?.accountId;
      const member = accountId ? await deps.groups.member(report.groupId, accountId) : null;
      if (!accountId || !member) throw noSuchMember();
      const care: CareMessage = {
        id: newId(),
        groupId: report.groupId,
        groupName: (await deps.groups.name(report.groupId)) ?? '',
        text: input.text,
        at: now(),
      };
      await deps.care.add(accountId, care);
      deps.notify.care(accountId, care);
      // Someone looked out for them: the alerts stay open until reviewed, but are no longer escalated.
      if ((await acknowledgeAll(p, await alertsLike(report))) > 0)
        deps.notify.queueChanged(report.groupId, false);
      await audit(p, 'reach-out', report.groupId, member.name, 'a private message from the moderation team');
      return { id: care.id };
    },

    /**
     * Escalates every urgent crisis alert older than `timeoutMs` that no moderator acknowledged. Every node runs
     * it; the claim makes exactly one node alert coordinators about each. Returns how many this node escalated.
     */
    /** Retention (the sweeper): handled reports resolved at or before `cutoff` are deleted. */
    purgeResolvedReports: (cutoff: number, limit: number) => store.purgeResolvedReports(cutoff, limit),
    /** Retention (the sweeper): mutes and bans for a time that ended by `at` are deleted. */
    purgeExpiredSanctions: (groupIds: readonly string[], at: number) =>
      store.purgeExpiredSanctions(groupIds, at),
    /** Retention (the sweeper): audit entries written before `cutoff` are deleted. */
    trimAudit: (cutoff: number, limit: number) => store.trimAudit(cutoff, limit),

    async escalateOverdue(timeoutMs: number): Promise<number> {
      const at = now();
      const queues = [...(await deps.groups.allGroups()).map((g) => g.id), CONVO_QUEUE];
      if (at - indexedAt >= REINDEX_MS) {
        // The first run on each node also erases the one-to-one text older versions stored with reports.
        if (indexedAt === -Infinity) await eraseRevealedTexts();
        await store.indexUrgent(queues);
        indexedAt = at;
      }
      let escalated = 0;
      const told = new Set<string>();
      // Only the urgent indexes, only what is overdue, oldest first: exact however many other reports wait.
      for await (const batch of store.awaitingAcknowledgement(queues, at - timeoutMs, URGENT_BATCH)) {
        for (const r of batch) {
          // Every urgent item is about risk: the crisis guard's, a report for "someone may be at risk", and a
          // report under another reason whose note suggests risk.
          if (!r.urgent) continue;
          if (!(await deps.care.claimEscalation(r.id))) continue;
          // Several overdue alerts about one member are one alert to coordinators.
          const key = alertKey(r);
          if (key && told.has(key)) continue;
          if (key) told.add(key);
          // Across ticks and nodes too: an older alert about this member that nobody acknowledged was (or is
          // about to be) escalated itself, oldest first; this one belongs to the same person.
          if (
            key &&
            (await alertsLike(r)).some((o) => o.createdAt < r.createdAt && o.acknowledgedAt === undefined)
          )
            continue;
          const groupName = r.groupId ? ((await deps.groups.name(r.groupId)) ?? '') : '';
          deps.notify.escalated({ reportId: r.id, groupId: r.groupId, groupName, since: r.createdAt });
          escalated++;
        }
      }
      return escalated;
    },

    /** The urgent badge: open urgent alerts this person can see that nobody has acknowledged. */
    async urgentCount(p: Principal): Promise<{ unacknowledged: number }> {
      // Coordinators count every queue's (they see the items as metadata), program moderators the one-to-one one.
      const convo = p.role === 'admin' || reviewsConversations(p);
      if (!convo && (await store.moderatedGroups(p.accountId)).length === 0) return { unacknowledged: 0 };
      const groups = await moderatedGroups(p);
      const ids = new Set(groups.map((g) => g.id));
      const visible = (r: ReportRecord) => ids.has(r.groupId) || (r.conversationId !== undefined && convo);
      const queues = [...ids, ...(convo ? [CONVO_QUEUE] : [])];
      // Exact: each queue's urgent index holds every item nobody acknowledged, whatever else waits in the queue.
      const waiting = await awaitingAcknowledgement(queues);
      // Counted as the console shows them: alerts about one member are one item.
      return { unacknowledged: groupAlerts(waiting.filter(visible)).length };
    },

    /** "I am on it": the item (and the alerts grouped with it) is acknowledged; its escalation stops. */
    async acknowledge(p: Principal, reportId: string): Promise<void> {
      const report = await reportFor(p, reportId, 'support');
      if (report.status !== 'received')
        throw new AppError(ErrorCode.CONFLICT, 'This report was already handled.');
      if (!report.urgent) throw new AppError(ErrorCode.CONFLICT, 'Only urgent items are acknowledged.');
      const alerts = await alertsLike(report);
      if ((await acknowledgeAll(p, alerts)) === 0) return;
      const subject = report.subjectId ? await deps.groups.member(report.groupId, report.subjectId) : null;
      await audit(
        p,
        'acknowledge',
        report.groupId || null,
        alerts.length > 1
          ? `${alerts.length} alerts about ${subject?.name ?? 'a member'}`
          : `report on message #${report.seq}`,
        'acknowledged',
      );
      deps.notify.queueChanged(report.groupId, false);
    },

    careInbox: async (p: Principal) => ({ messages: await deps.care.list(p.accountId) }),
    async careRead(p: Principal, id: string): Promise<void> {
      await deps.care.remove(p.accountId, id);
    },

    /** For other capabilities' admin actions (groups, invites): one audit log for everything. */
    audit,
    coordinatorOpened,
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
