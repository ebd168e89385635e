import type { Sealed } from '@staffroom/shared/schemas/consultations';
import type { AccountExport, ExportConversation } from '@staffroom/shared/schemas/privacy';
import type { HistoryEntry } from '@staffroom/shared/schemas/wellness';
import { conversationKey, type Identity } from '../../../lib/e2e-crypto';
import { decodeMessageBody, openItem, openPin } from '../../../lib/e2e-seal';
import { parseGoal, type GoalContent } from '../../consultations/model/goal';
import { openHistory } from '../../wellness/model/history';

/** Why a sealed part could not be opened here. */
export type Unopened = 'no key on this device' | 'could not be opened';

export interface OpenedConversation {
  id: string;
  role: ExportConversation['role'];
  peerName: string;
  seenAs: string;
  status: ExportConversation['status'];
  createdAt: number;
  closedAt: number | null;
  messages: { seq: number; ts: number; from: 'me' | 'them'; text: string | null }[];
  goals: { updatedAt: number; goal: GoalContent | null }[];
  checkIns: {
    startsAt: number;
    durationMinutes: number;
    proposedBy: 'me' | 'them';
    status: string;
    note: string | null;
  }[];
}

/** The export as downloaded: everything of the server's, with the sealed parts opened by this browser. */
export interface OpenedExport extends Omit<AccountExport, 'pulseHistory' | 'conversations'> {
  pulseTrend: HistoryEntry[] | Unopened | null;
  conversations: OpenedConversation[] | Unopened;
}

async function open(key: CryptoKey, conversationId: string, sealed: Sealed) {
  if (!sealed.meta) return null;
  return openItem(key, conversationId, { ...sealed, meta: sealed.meta }).catch(() => null);
}

async function openConversation(identity: Identity, c: ExportConversation): Promise<OpenedConversation> {
  // My own pin of their key first (the server cannot forge it); the server's listing otherwise.
  const pinned = c.myPin ? await openPin(identity, c.id, c.myPin) : null;
  const peerKey = pinned ?? c.peerPublicKey;
  const key = peerKey ? await conversationKey(identity, peerKey, c.id).catch(() => null) : null;
  const side = (from: string): 'me' | 'them' => (from === c.role ? 'me' : 'them');
  const messages = await Promise.all(
    c.messages.map(async (m) => {
      const plain = key ? await open(key, c.id, m) : null;
      return {
        seq: m.seq,
        ts: m.ts,
        from: side(m.from),
        text: plain ? (decodeMessageBody(plain)?.text ?? null) : null,
      };
    }),
  );
  const goals = await Promise.all(
    c.goals.map(async (g) => {
      const plain = key ? await open(key, c.id, g) : null;
      return { updatedAt: g.updatedAt, goal: plain ? parseGoal(plain) : null };
    }),
  );
  const checkIns = await Promise.all(
    c.checkIns.map(async (x) => ({
      startsAt: x.startsAt,
      durationMinutes: x.durationMinutes,
      proposedBy: side(x.proposedBy),
      status: x.status,
      note: x.note && key ? await open(key, c.id, x.note) : null,
    })),
  );
  return {
    id: c.id,
    role: c.role,
    peerName: c.peerName,
    seenAs: c.seenAs,
    status: c.status,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    messages,
    goals,
    checkIns,
  };
}

/** Opens the sealed parts with the member's key (null: no key unlocked here, so they stay unopened). */
export async function openExport(data: AccountExport, identity: Identity | null): Promise<OpenedExport> {
  const { pulseHistory, conversations, ...rest } = data;
  let pulseTrend: OpenedExport['pulseTrend'] = null;
  if (pulseHistory)
    pulseTrend = identity
      ? await openHistory(identity, pulseHistory).catch((): Unopened => 'could not be opened')
      : 'no key on this device';
  return {
    ...rest,
    pulseTrend,
    conversations: identity
      ? await Promise.all(conversations.map((c) => openConversation(identity, c)))
      : conversations.length > 0
        ? 'no key on this device'
        : [],
  };
}
