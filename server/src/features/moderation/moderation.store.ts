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
  /** For a one-to-one message a participant chose to reveal: the conversation and the text they revealed. */
  conversationId?: string;
  /** Erased when the report is resolved. */
  revealedText?: string;
  /** Whether the revealed text matched the franking commitment stored when the message was sent. */
  revealedVerified?: boolean;
  /** For an item the crisis guard raised: the member who may be at risk (their account, never sent out). */
  subjectId?: string;
  /** When a moderator first acted on an urgent item without closing it (reached out): no escalation then. */
  acknowledgedAt?: number;
  /** The crisis guard saw risk in a message that was refused (blocked term): no seq, no text is kept. */
  refused?: boolean;
  /** The pseudonym of the moderator who acknowledged it (reached out, or said "I am on it"). */
  acknowledgedBy?: string;
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
   * Open reports of each queue in `queues` (group ids, or `CONVO_QUEUE`), up to `perQueue` from each, highest
   * priority first within a queue. Each group has its own queue, so a flood in one cannot push another's out.
   */
  openReports(queues: readonly string[], perQueue: number): Promise<ReportRecord[]>;
  /** This reporter's newest reports (at most 100 are kept listed). */
  reportsBy(accountId: string): Promise<ReportRecord[]>;

  /** Appends to the audit log; returns the entry id. There is no update or delete. */
  appendAudit(entry: AuditRecord): Promise<string>;
  /** Newest first, from before `before`. */
  readAudit(query: AuditQuery): Promise<{ entries: (AuditRecord & { id: string })[]; more: boolean }>;
}

/** The queue of revealed one-to-one messages (they have no group; coordinators read it). */
export const CONVO_QUEUE = '~convo';
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
