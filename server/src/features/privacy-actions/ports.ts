import type { Me, SessionInfo } from '@staffroom/shared/schemas/accounts';
import type {
  CheckIn,
  RequestStatus,
  Sealed,
  SealedGoal,
  SealedMessage,
} from '@staffroom/shared/schemas/consultations';
import type { ReportReason, ReportStatus } from '@staffroom/shared/schemas/moderation';
import type { EraseMessages } from '@staffroom/shared/schemas/privacy';
import type { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Principal } from '../../platform/principal.js';

/**
 * What erasure and export need from the other capabilities, as narrow as it can be: app.ts hands in their stores
 * and the account service, which each implement `eraseAccount`/export reads for their own keys.
 */
export interface ErasingState {
  messages: EraseMessages;
  names: string[];
  since: number;
}

export interface PrivacyAccounts {
  proveOwner(
    pseudonym: string,
    authSecret: string,
    deviceToken?: string,
  ): Promise<{ id: string; pseudonym: string }>;
  beginErasure(account: { id: string }, state: ErasingState): Promise<ErasingState>;
  endForErasure(accountId: string): Promise<void>;
  finishErasure(accountId: string): Promise<void>;
  me(p: Principal): Promise<Me>;
  listSessions(p: Principal): Promise<SessionInfo[]>;
}

interface Membership {
  groupId: string;
  name: string;
  joinedAt: number;
}

export interface PrivacyGroups {
  listGroups(): Promise<{ id: string; name: string }[]>;
  accountGroupIds(accountId: string): Promise<string[]>;
  touchedGroupIds(accountId: string): Promise<string[]>;
  getMembership(groupId: string, accountId: string): Promise<Membership | null>;
  eraseAccount(accountId: string): Promise<unknown>;
  /** Meetings hosted under one of these names show `formerName` as their host (registry: de-attribute). */
  deattributeMeetings(
    groupIds: readonly string[],
    names: readonly string[],
    formerName: string,
  ): Promise<unknown>;
}

export interface PrivacyMessages {
  eraseAuthor(
    groupId: string,
    accountId: string,
    mode: EraseMessages,
    former: { tag: string; name: string },
  ): Promise<number[]>;
  exportAuthor(
    groupId: string,
    accountId: string,
  ): Promise<{
    messages: { groupId: string; seq: number; ts: number; name: string; text: string }[];
    reactions: { seq: number; kind: string }[];
  }>;
}

export interface PrivacyModeration {
  eraseAccount(
    accountId: string,
    names: readonly string[],
    groupIds: readonly string[],
    formerName: string,
  ): Promise<void>;
  reportsBy(accountId: string): Promise<
    {
      id: string;
      groupId: string;
      reason: ReportReason;
      note: string;
      status: ReportStatus;
      createdAt: number;
    }[]
  >;
}

export interface PrivacyCare {
  eraseAccount(accountId: string): Promise<void>;
}

interface Conversation {
  id: string;
  teacherId: string;
  consultantId: string;
  teacherName: string;
  consultantName: string;
  status: 'active' | 'closing' | 'closed';
  createdAt: number;
  closedAt?: number;
  erasedKey?: string;
}

export interface PrivacyConsultations {
  eraseAccount(
    accountId: string,
    now: number,
    formerName: string,
  ): Promise<{ conversationId: string; peerId: string }[]>;
  conversationsOf(accountId: string): Promise<Conversation[]>;
  getConversation(id: string): Promise<Conversation | null>;
  messages(id: string, after: number, limit: number): Promise<{ messages: SealedMessage[]; more: boolean }>;
  goals(id: string): Promise<SealedGoal[]>;
  checkIns(id: string): Promise<CheckIn[]>;
  getPin(id: string, role: 'teacher' | 'consultant'): Promise<Sealed | null>;
  getKeys(accountId: string): Promise<{ publicKey: string } | null>;
  requestsOf(teacherId: string): Promise<
    {
      id: string;
      status: RequestStatus;
      createdAt: number;
      grades: string[];
      subjects: string[];
      reasons: string[];
      focus: string;
      workStyles: string[];
    }[]
  >;
  getConsultant(accountId: string): Promise<object | null>;
}

export interface PrivacyWellness {
  history(accountId: string): Promise<SealedHistory | null>;
  deleteHistory(accountId: string): Promise<boolean>;
}

/** Per-node caches moderation keeps about an account and its groups. */
export interface ModerationCaches {
  invalidateGlobalBan(accountId: string): void;
  invalidateGroup(groupId: string): void;
}
