import type {
  AuditAction,
  ModerationSettings,
  ReportReason,
  ReportStatus,
} from '@staffroom/shared/schemas/moderation';

export interface MuteRecord {
  until: number;
  reason: string;
}

export interface BanRecord {
  id: string;
  /** null for a ban from Staffroom. */
  groupId: string | null;
  accountId: string;
  /** The name the banned member had in the group, for the moderators' list. */
  name: string;
  until: number | null;
  reason: string;
  at: number;
}

/** Everything about one group that decides who may post, cached per node. */
export interface GroupModeration {
  settings: ModerationSettings;
  moderators: Set<string>;
  mutes: Map<string, MuteRecord>;
  bans: Map<string, BanRecord>;
}

export interface ReportRecord {
  id: string;
  groupId: string;
  seq: number;
  reason: ReportReason;
  note: string;
  /** Empty for reports the crisis guard raised. */
  reporterId: string;
  urgent: boolean;
  status: ReportStatus;
  createdAt: number;
  outcome?: string;
  /** A one-to-one report: the conversation (never any of its text; `seq` is the message's number). */
  conversationId?: string;
  /** For an item the crisis guard raised: the member who may be at risk (their account, never sent out). */
  subjectId?: string;
  /** When a moderator first acted on an urgent item without closing it (reached out): no escalation then. */
  acknowledgedAt?: number;
  /** The crisis guard saw risk in a message that was refused (blocked term): no seq, no text is kept. */
  refused?: boolean;
  /** With `refused`: why the message was not posted (absent: a blocked term). */
  refusedFor?: 'blocked-term' | 'muted' | 'locked' | 'identifying' | 'too-long';
  /** When it was handled: the retention clock (`REPORT_RETENTION_DAYS`). Absent while open. */
  resolvedAt?: number;
  /** The pseudonym of the moderator who acknowledged it (reached out, or said "I am on it"). */
  acknowledgedBy?: string;
  /** The member it was about erased their account: nobody is left to reach, so it is neither counted nor escalated. */
  subjectErased?: boolean;
  /**
   * Held for review (the group holds flagged messages): `pending` until a moderator releases it (`released`, then
   * `seq` is the posted message) or keeps it hidden (`kept`). The held message lives only here, in `held*`, and is
   * erased at the decision: while pending, only its sender and the moderators can read it.
   */
  held?: 'pending' | 'released' | 'kept';
  heldText?: string;
  heldClientId?: string;
  heldTag?: string;
  heldName?: string;
}

/** What a report must still be for an update to apply (`updateReport`). `held: null` means not held. */
export interface ReportExpectation {
  status?: ReportStatus;
  held?: ReportRecord['held'] | null;
  /** True: nobody has acknowledged it yet. */
  unacknowledged?: boolean;
  seq?: number;
}

export const meetsExpectation = (r: ReportRecord, e: ReportExpectation) =>
  (e.status === undefined || r.status === e.status) &&
  (e.held === undefined || (r.held ?? null) === e.held) &&
  (e.unacknowledged !== true || r.acknowledgedAt === undefined) &&
  (e.seq === undefined || r.seq === e.seq);

export interface AuditRecord {
  at: number;
  actorId: string;
  actor: string;
  action: AuditAction;
  groupId: string | null;
  target: string;
  reason: string;
}

export interface AuditQuery {
  before?: string | undefined;
  limit: number;
  /** Applied while reading; the log itself is never filtered in place. */
  accept: (entry: AuditRecord) => boolean;
}

/** Persistence for moderation state, reports and the audit log. Memory and Redis. */
export interface ModerationStore {
  groupState(groupId: string): Promise<GroupModeration>;
  saveSettings(groupId: string, settings: ModerationSettings): Promise<void>;
  setModerator(groupId: string, accountId: string, on: boolean): Promise<void>;
  moderatedGroups(accountId: string): Promise<string[]>;
  setMute(groupId: string, accountId: string, mute: MuteRecord | null): Promise<void>;
  saveBan(ban: BanRecord): Promise<void>;
  findBan(banId: string): Promise<BanRecord | null>;
  deleteBan(ban: BanRecord): Promise<void>;
  globalBan(accountId: string): Promise<BanRecord | null>;
  listGlobalBans(): Promise<BanRecord[]>;

  /**
   * Files a new report unless this `dedupeKey` (reporter and message) already filed one: then the first report's
   * id comes back with `duplicate: true` and nothing is stored.
   */
  createReport(report: ReportRecord, dedupeKey: string): Promise<{ id: string; duplicate: boolean }>;
  /** Updates a report; once handled it leaves its queue and is deleted after the store's retention period. */
  saveReport(report: ReportRecord): Promise<void>;
  getReport(id: string): Promise<ReportRecord | null>;
  /**
   * Compare-and-set: applies `change` to the report as it is stored now, only if it still `expected` (its status,
   * its held state, …); atomic against every other update on every node (a racing writer makes it read again).
   * A handled result leaves its queue and gets the retention clock; an open one is never put back in a queue.
   * A loser gets `ok: false` with the report as it is now (null when there is none).
   */
  updateReport(
    id: string,
    expected: ReportExpectation,
    change: (current: ReportRecord) => ReportRecord,
  ): Promise<{ ok: true; report: ReportRecord } | { ok: false; current: ReportRecord | null }>;
  /**
   * Open reports of each queue in `queues` (group ids, or `CONVO_QUEUE`), up to `perQueue` from each, highest
   * priority first within a queue. Each group has its own queue, so a flood in one cannot push another's out.
   */
  openReports(queues: readonly string[], perQueue: number): Promise<ReportRecord[]>;
  /**
   * Exactly this member's messages in this group still held for review (pending), oldest first, however long
   * the group's queue is (an index per member and group; an id leaves it when a moderator decides).
   */
  heldBy(groupId: string, accountId: string): Promise<ReportRecord[]>;
  /**
   * Exactly the open alerts (`isOpenAlert`) about this member in this group, acknowledged or not, however long the
   * group's queue is (an index per member and group; an id leaves it when its alert is handled or the member
   * erases their account; a reader takes out what a node that died in between left behind).
   */
  openAlertsAbout(groupId: string, accountId: string): Promise<ReportRecord[]>;
  /** This reporter's newest reports (at most 100 are kept listed). */
  reportsBy(accountId: string): Promise<ReportRecord[]>;
  /**
   * Exactly the items of each queue in `queues` that `awaitsAcknowledgement`, created at or before `upTo` (ms), queue
   * after queue, each oldest first, in batches of at most `batch` from one queue (a batch is larger only when more
   * than `batch` items share one createdAt). Read from each queue's own index, never from the queue itself, so
   * however many other reports wait none is left out: an
   * id joins the index with its report and leaves it when the item is acknowledged, handled, or the member it is
   * about erases their account (the step that changes the report takes it out; a reader takes out what a node
   * that died in between left behind).
   */
  awaitingAcknowledgement(
    queues: readonly string[],
    upTo: number,
    batch: number,
  ): AsyncIterable<ReportRecord[]>;
  /**
   * Repair: every open report of these queues (and of the single queue of older versions) that
   * `awaitsAcknowledgement` joins its queue's urgent index if it is missing there: reports filed before the index
   * existed, or by a node still on an older version during an upgrade. Adding what is there changes nothing, and
   * an item acknowledged meanwhile is dropped by the next reader. Their open alerts (`isOpenAlert`, all urgent)
   * join their member's index (`openAlertsAbout`) the same way. Returns how many joined the urgent index.
   */
  indexUrgent(queues: readonly string[]): Promise<number>;

  /**
   * True for the first call per coordinator and group within `windowMs` (cluster-wide): that look at a group they
   * are not a member of is audited; the next ones in the window are not (one entry, not one per click).
   */
  claimCoordinatorOpen(accountId: string, groupId: string, windowMs: number): Promise<boolean>;

  /**
   * Account erasure, idempotent: the account's moderator roles, mutes and bans (with their ids) in `groupIds` and
   * from Staffroom go; reports it filed stay without the reporter (their dedupe markers and list go), reports that
   * name it as the member at risk lose that link; audit entries it made, or that name it (`names`), are rewritten
   * with `formerName` (the log is rebuilt under the same ids: the only rewrite it ever gets).
   */
  eraseAccount(
    accountId: string,
    names: readonly string[],
    groupIds: readonly string[],
    formerName: string,
  ): Promise<void>;

  /** Appends to the audit log; returns the entry id. There is no update or delete (but erasure, above). */
  appendAudit(entry: AuditRecord): Promise<string>;
  /** Newest first, from before `before`. */
  readAudit(query: AuditQuery): Promise<{ entries: (AuditRecord & { id: string })[]; more: boolean }>;

  /**
   * Retention: deletes up to `limit` handled reports resolved at or before `cutoff` (ms), with anything
   * they held; returns how many it deleted. Open reports are never touched.
   */
  purgeResolvedReports(cutoff: number, limit: number): Promise<number>;
  /**
   * Retention: mutes and bans for a time that ended at or before `now`, in these groups and from Staffroom, are
   * deleted (with their names and reasons); returns how many went. A permanent ban stays until lifted.
   */
  purgeExpiredSanctions(groupIds: readonly string[], now: number): Promise<number>;
  /**
   * Retention: deletes up to `limit` of the oldest audit entries written before `cutoff` (ms), stopping at the
   * first newer one; returns how many went. The only deletion the audit log knows.
   */
  trimAudit(cutoff: number, limit: number): Promise<number>;
}

/** The queue of one-to-one reports (they have no group; program moderators review it, coordinators see metadata). */
export const CONVO_QUEUE = '~convo';
/**
 * An urgent item nobody has acknowledged yet (open, urgent, about someone still here): the urgent badge counts
 * these, and the crisis ones go to coordinators when nobody answers in time. Once false, never true again (a
 * report is never reopened, an acknowledgement never taken back, an erasure never undone).
 */
export const awaitsAcknowledgement = (r: ReportRecord) =>
  r.status === 'received' && r.urgent && r.acknowledgedAt === undefined && r.subjectErased !== true;
/**
 * An alert the crisis guard raised about a member of a group (not a member's report, not a one-to-one
 * report): the alerts about one member in one group are one item for one person.
 */
export const isAlert = (r: ReportRecord) =>
  r.reason === 'crisis' && !!r.subjectId && r.conversationId === undefined && !r.reporterId;
/** An alert still open: in its member's index (`openAlertsAbout`). */
export const isOpenAlert = (r: ReportRecord) => r.status === 'received' && isAlert(r);
/** Whether a report is a message waiting in its sender's held index. */
export const isPendingHeld = (r: ReportRecord) =>
  r.held === 'pending' && r.status === 'received' && r.subjectId !== undefined && r.subjectId !== '';
/** The queue a report waits in. */
export const queueOf = (r: Pick<ReportRecord, 'groupId' | 'conversationId'>) =>
  r.conversationId !== undefined ? CONVO_QUEUE : r.groupId;
/** How long a handled report (and a reporter's dedupe marker) is kept, unless the store is told otherwise. */
export const DEFAULT_REPORT_RETENTION_MS = 180 * 24 * 3600_000;

/** Urgent reports sort before everything else; within a class, oldest first. */
export const reportPriority = (r: Pick<ReportRecord, 'urgent' | 'createdAt'>) =>
  (r.urgent ? 0 : 1e13) + r.createdAt;

export const DEFAULT_SETTINGS: ModerationSettings = {
  locked: false,
  slowSeconds: 0,
  blockedTerms: [],
  careCard: false,
  holdFlagged: false,
};

/** The dedupe marker a reporter's report holds (see the service's `createReport` calls). */
export const reportDedupeKey = (
  r: Pick<ReportRecord, 'groupId' | 'seq' | 'conversationId'>,
  reporterId: string,
) =>
  r.conversationId !== undefined
    ? `${reporterId}:c:${r.conversationId}:${r.seq}`
    : `${reporterId}:g:${r.groupId}:${r.seq}`;

/** A report with every link to an erased account taken out; null when it had none. */
export function scrubReport(r: ReportRecord, accountId: string): ReportRecord | null {
  if (r.reporterId !== accountId && r.subjectId !== accountId) return null;
  const { subjectId, ...rest } = r;
  return {
    ...rest,
    reporterId: r.reporterId === accountId ? '' : r.reporterId,
    ...(subjectId && subjectId !== accountId ? { subjectId } : {}),
    ...(subjectId === accountId ? { subjectErased: true } : {}),
  };
}

/** An audit entry with an erased account's id and names replaced; null when it had none. */
export function scrubAudit<T extends AuditRecord>(
  e: T,
  accountId: string,
  names: readonly string[],
  formerName: string,
): T | null {
  // Longest first, so a name that contains another is replaced whole.
  const sorted = [...new Set(names)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  const replace = (text: string) => sorted.reduce((t, n) => t.split(n).join(formerName), text);
  const mine = e.actorId === accountId;
  const next: T = {
    ...e,
    actorId: mine ? '' : e.actorId,
    actor: mine ? formerName : replace(e.actor),
    target: replace(e.target),
    reason: replace(e.reason),
  };
  const changed =
    next.actorId !== e.actorId ||
    next.actor !== e.actor ||
    next.target !== e.target ||
    next.reason !== e.reason;
  return changed ? next : null;
}
