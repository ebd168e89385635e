import type { AccountExport, ExportConversation } from '@staffroom/shared/schemas/privacy';
import type { SealedMessage } from '@staffroom/shared/schemas/consultations';
import type { Principal } from '../../platform/principal.js';
import type {
  PrivacyAccounts,
  PrivacyConsultations,
  PrivacyGroups,
  PrivacyMessages,
  PrivacyModeration,
  PrivacyWellness,
} from './ports.js';

export interface ExportDeps {
  accounts: PrivacyAccounts;
  groups: PrivacyGroups;
  messages: PrivacyMessages;
  moderation: PrivacyModeration;
  consultations: PrivacyConsultations;
  wellness: PrivacyWellness;
  now?: () => number;
}

/** One-to-one messages are read in pages of this many. */
const PAGE = 500;

/**
 * The account's own data, as stored. Other people's data is not included, except what the member reads in their
 * own conversations (the other person's sealed messages, goals and check-ins there, and the name they go by) and
 * the names of the groups they belong to. Sealed items stay sealed: the browser opens them with the member's key.
 */
export function createExportService(deps: ExportDeps) {
  const now = deps.now ?? Date.now;

  async function conversation(accountId: string, id: string): Promise<ExportConversation | null> {
    const c = await deps.consultations.getConversation(id);
    if (!c || (c.teacherId !== accountId && c.consultantId !== accountId)) return null;
    const role = c.teacherId === accountId ? 'teacher' : 'consultant';
    const peerId = role === 'teacher' ? c.consultantId : c.teacherId;
    const messages: SealedMessage[] = [];
    for (let after = 0; ;) {
      const page = await deps.consultations.messages(id, after, PAGE);
      messages.push(...page.messages);
      if (!page.more || page.messages.length === 0) break;
      after = page.messages.at(-1)?.seq ?? after;
    }
    const [keys, goals, checkIns, myPin] = await Promise.all([
      peerId ? deps.consultations.getKeys(peerId) : Promise.resolve(null),
      deps.consultations.goals(id),
      deps.consultations.checkIns(id),
      deps.consultations.getPin(id, role),
    ]);
    return {
      id,
      role,
      peerName: role === 'teacher' ? c.consultantName : c.teacherName,
      peerPublicKey: keys?.publicKey ?? c.erasedKey ?? null,
      myPin,
      seenAs: role === 'teacher' ? c.teacherName : c.consultantName,
      status: c.status,
      createdAt: c.createdAt,
      closedAt: c.closedAt ?? null,
      messages,
      goals,
      checkIns,
    };
  }

  return {
    async export(p: Principal): Promise<AccountExport> {
      const id = p.accountId;
      const [me, sessions, groups, reports, pulseHistory, requests, consultant, conversations] =
        await Promise.all([
          deps.accounts.me(p),
          deps.accounts.listSessions(p),
          deps.groups.listGroups(),
          deps.moderation.reportsBy(id),
          deps.wellness.history(id),
          deps.consultations.requestsOf(id),
          deps.consultations.getConsultant(id),
          deps.consultations.conversationsOf(id),
        ]);
      const names = new Map(groups.map((g) => [g.id, g.name]));
      const memberships = (
        await Promise.all(
          (await deps.groups.accountGroupIds(id)).map((g) => deps.groups.getMembership(g, id)),
        )
      ).flatMap((m) =>
        m
          ? [
              {
                groupId: m.groupId,
                groupName: names.get(m.groupId) ?? '',
                name: m.name,
                joinedAt: m.joinedAt,
              },
            ]
          : [],
      );
      // Only the groups the account is or was in, one after another: an export never reads every group at once.
      const touched = new Set(await deps.groups.touchedGroupIds(id));
      const read = groups.filter((g) => touched.has(g.id));
      const authored = [];
      for (const g of read) authored.push(await deps.messages.exportAuthor(g.id, id));
      const convos = await Promise.all(conversations.map((c) => conversation(id, c.id)));
      // The school and district are stored only as keyed hashes: nothing readable to hand back.
      const profile = consultant
        ? Object.fromEntries(
            Object.entries(consultant).filter(
              ([k]) => !['schoolHash', 'districtHash', 'accountId'].includes(k),
            ),
          )
        : null;
      return {
        format: 'staffroom-export/v1',
        exportedAt: now(),
        account: me,
        sessions: sessions.map((s) => ({
          device: s.device,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
        })),
        memberships,
        groupMessages: authored.flatMap((a) =>
          a.messages.map((m) => ({ groupId: m.groupId, seq: m.seq, ts: m.ts, name: m.name, text: m.text })),
        ),
        reactions: authored.flatMap((a, i) =>
          a.reactions.map((r) => ({ groupId: read[i]?.id ?? '', seq: r.seq, kind: r.kind })),
        ),
        reports: reports.map((r) => ({
          id: r.id,
          groupId: r.groupId,
          reason: r.reason,
          note: r.note,
          status: r.status,
          createdAt: r.createdAt,
        })),
        pulseHistory,
        requests: requests.map((r) => ({
          id: r.id,
          status: r.status,
          createdAt: r.createdAt,
          grades: r.grades,
          subjects: r.subjects,
          reasons: r.reasons,
          focus: r.focus,
          workStyles: r.workStyles,
        })),
        consultantProfile: profile,
        conversations: convos.flatMap((c) => (c ? [c] : [])),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
