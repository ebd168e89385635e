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

  saveReport(report: ReportRecord): Promise<void>;
  getReport(id: string): Promise<ReportRecord | null>;
  /** Open reports, highest priority first. */
  openReports(): Promise<ReportRecord[]>;
  reportsBy(accountId: string): Promise<ReportRecord[]>;

  /** Appends to the audit log; returns the entry id. There is no update or delete. */
  appendAudit(entry: AuditRecord): Promise<string>;
  /** Newest first, from before `before`. */
  readAudit(query: AuditQuery): Promise<{ entries: (AuditRecord & { id: string })[]; more: boolean }>;
}

/** Urgent reports sort before everything else; within a class, oldest first. */
export const reportPriority = (r: Pick<ReportRecord, 'urgent' | 'createdAt'>) =>
  (r.urgent ? 0 : 1e13) + r.createdAt;

export const DEFAULT_SETTINGS: ModerationSettings = { locked: false, slowSeconds: 0, blockedTerms: [] };
