import {
  awaitsAcknowledgement,
  DEFAULT_REPORT_RETENTION_MS,
  DEFAULT_SETTINGS,
  isOpenAlert,
  isPendingHeld,
  meetsExpectation,
  queueOf,
  reportDedupeKey,
  reportPriority,
  scrubAudit,
  scrubReport,
  type AuditRecord,
  type BanRecord,
  type GroupModeration,
  type ModerationStore,
  type ReportRecord,
} from './moderation.store.js';

/** Embedded mode: moderation state in this process, gone at exit. Same contract as the Redis store. */
export function createMemoryModerationStore(
  clock: () => number = Date.now,
  reportRetentionMs = DEFAULT_REPORT_RETENTION_MS,
): ModerationStore & {
  /** How many groups have state here (tests: a read never adds one). */ groupsHeld(): number;
} {
  const groups = new Map<string, GroupModeration>();
  const moderates = new Map<string, Set<string>>();
  const globalBans = new Map<string, BanRecord>();
  const reports = new Map<string, ReportRecord>();
  /** Each queue's urgent items nobody acknowledged: id → createdAt (the Redis store's `reports:urgent:{queue}`). */
  const urgent = new Map<string, Map<string, number>>();
  /** Puts a report in its queue's urgent index or takes it out, as it now is. */
  const indexUrgent = (r: ReportRecord) => {
    const queue = queueOf(r);
    const index = urgent.get(queue) ?? new Map<string, number>();
    if (awaitsAcknowledgement(r)) index.set(r.id, r.createdAt);
    else index.delete(r.id);
    if (index.size > 0) urgent.set(queue, index);
    else urgent.delete(queue);
  };
  /** Handled reports and dedupe markers, by when they are forgotten (the Redis store's TTLs). */
  const expires = new Map<string, number>();
  const dedupe = new Map<string, string>();
  /** Handled report id → when it was handled (the retention sweep's index; insertion order is resolve order). */
  const resolvedAt = new Map<string, number>();
  let sweptAt = -Infinity;
  /** A sweep at most once a second: a report is forgotten within a second of its retention ending. */
  const forgetExpired = () => {
    const now = clock();
    if (now - sweptAt < 1_000) return;
    sweptAt = now;
    for (const [key, at] of expires) {
      if (at > now) continue;
      expires.delete(key);
      if (key.startsWith('d:')) dedupe.delete(key.slice(2));
      else {
        reports.delete(key.slice(2));
        resolvedAt.delete(key.slice(2));
      }
    }
  };
  const live = (id: string) => {
    forgetExpired();
    return reports.get(id);
  };
  const audit: (AuditRecord & { id: string })[] = [];
  /** Coordinator looks already audited, by when their window ends (pruned on each claim, so it stays small). */
  const coordinatorOpens = new Map<string, number>();
  let lastAuditMs = 0;
  let auditSeq = 0;

  const stateOf = (groupId: string): GroupModeration => {
    let state = groups.get(groupId);
    if (!state) {
      state = { settings: { ...DEFAULT_SETTINGS }, moderators: new Set(), mutes: new Map(), bans: new Map() };
      groups.set(groupId, state);
    }
    return state;
  };
  const copy = (s: GroupModeration): GroupModeration => ({
    settings: { ...s.settings, blockedTerms: [...s.settings.blockedTerms] },
    moderators: new Set(s.moderators),
    mutes: new Map([...s.mutes].map(([k, v]) => [k, { ...v }])),
    bans: new Map([...s.bans].map(([k, v]) => [k, { ...v }])),
  });
  const allBans = () => [
    ...globalBans.values(),
    ...[...groups.values()].flatMap((g) => [...g.bans.values()]),
  ];
  /** Stream-like ids: "<ms>-<n>", increasing. */
  const nextAuditId = () => {
    const ms = Math.max(clock(), lastAuditMs);
    auditSeq = ms === lastAuditMs ? auditSeq + 1 : 0;
    lastAuditMs = ms;
    return `${ms}-${auditSeq}`;
  };
  const idOrder = (id: string) => id.split('-').map(Number) as [number, number];
  const isBefore = (a: string, b: string) => {
    const [am, an] = idOrder(a);
    const [bm, bn] = idOrder(b);
    return am < bm || (am === bm && an < bn);
  };

  return {
    groupsHeld: () => groups.size,
    async groupState(groupId) {
      // A read never adds an entry: any group id a caller sends would otherwise stay here for good.
      const state = groups.get(groupId);
      return state
        ? copy(state)
        : { settings: { ...DEFAULT_SETTINGS }, moderators: new Set(), mutes: new Map(), bans: new Map() };
    },
    async saveSettings(groupId, settings) {
      stateOf(groupId).settings = { ...settings, blockedTerms: [...settings.blockedTerms] };
    },
    async setModerator(groupId, accountId, on) {
      const set = moderates.get(accountId) ?? new Set<string>();
      moderates.set(accountId, set);
      if (on) {
        stateOf(groupId).moderators.add(accountId);
        set.add(groupId);
      } else {
        groups.get(groupId)?.moderators.delete(accountId);
        set.delete(groupId);
      }
    },
    async moderatedGroups(accountId) {
      return [...(moderates.get(accountId) ?? [])];
    },
    async setMute(groupId, accountId, mute) {
      if (mute) stateOf(groupId).mutes.set(accountId, { ...mute });
      else groups.get(groupId)?.mutes.delete(accountId);
    },
    async saveBan(ban) {
      if (ban.groupId) stateOf(ban.groupId).bans.set(ban.accountId, { ...ban });
      else globalBans.set(ban.accountId, { ...ban });
    },
    async findBan(banId) {
      const ban = allBans().find((b) => b.id === banId);
      return ban ? { ...ban } : null;
    },
    async deleteBan(ban) {
      if (ban.groupId) groups.get(ban.groupId)?.bans.delete(ban.accountId);
      else globalBans.delete(ban.accountId);
    },
    async globalBan(accountId) {
      const ban = globalBans.get(accountId);
      return ban ? { ...ban } : null;
    },
    async listGlobalBans() {
      return [...globalBans.values()].map((b) => ({ ...b }));
    },

    async createReport(report, dedupeKey) {
      forgetExpired();
      const previous = dedupe.get(dedupeKey);
      if (previous) return { id: previous, duplicate: true };
      dedupe.set(dedupeKey, report.id);
      expires.set(`d:${dedupeKey}`, clock() + reportRetentionMs);
      reports.set(report.id, { ...report });
      indexUrgent(report);
      return { id: report.id, duplicate: false };
    },
    async saveReport(report) {
      reports.set(report.id, { ...report });
      indexUrgent(report);
      if (report.status === 'received') expires.delete(`r:${report.id}`);
      else {
        expires.set(`r:${report.id}`, clock() + reportRetentionMs);
        resolvedAt.set(report.id, report.resolvedAt ?? clock());
      }
    },
    async getReport(id) {
      const r = live(id);
      return r ? { ...r } : null;
    },
    async updateReport(id, expected, change) {
      // No await between the check and the write: atomic in this process.
      const current = live(id);
      if (!current || !meetsExpectation(current, expected))
        return { ok: false, current: current ? { ...current } : null };
      const next = { ...change({ ...current }) };
      reports.set(id, next);
      indexUrgent(next);
      if (next.status !== 'received') {
        expires.set(`r:${id}`, clock() + reportRetentionMs);
        resolvedAt.set(id, next.resolvedAt ?? clock());
      }
      return { ok: true, report: { ...next } };
    },
    async openReports(queues, perQueue) {
      forgetExpired();
      const wanted = new Set(queues);
      const byQueue = new Map<string, ReportRecord[]>();
      for (const r of reports.values()) {
        if (r.status !== 'received' || !wanted.has(queueOf(r))) continue;
        const list = byQueue.get(queueOf(r)) ?? [];
        list.push(r);
        byQueue.set(queueOf(r), list);
      }
      return [...byQueue.values()].flatMap((list) =>
        list
          .sort((a, b) => reportPriority(a) - reportPriority(b))
          .slice(0, perQueue)
          .map((r) => ({ ...r })),
      );
    },
    async heldBy(groupId, accountId) {
      forgetExpired();
      return [...reports.values()]
        .filter((r) => r.groupId === groupId && r.subjectId === accountId && isPendingHeld(r))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((r) => ({ ...r }));
    },
    async openAlertsAbout(groupId, accountId) {
      forgetExpired();
      return [...reports.values()]
        .filter((r) => r.groupId === groupId && r.subjectId === accountId && isOpenAlert(r))
        .sort((a, b) => reportPriority(a) - reportPriority(b))
        .map((r) => ({ ...r }));
    },
    async *awaitingAcknowledgement(queues, upTo, batch) {
      for (const queue of queues) {
        const waiting = [...(urgent.get(queue) ?? [])]
          .filter(([, createdAt]) => createdAt <= upTo)
          .sort(([a, at], [b, bt]) => at - bt || (a < b ? -1 : a > b ? 1 : 0))
          .flatMap(([id]) => {
            const r = live(id);
            return r && awaitsAcknowledgement(r) ? [{ ...r }] : [];
          });
        for (let i = 0; i < waiting.length; i += batch) yield waiting.slice(i, i + batch);
      }
    },
    // Every path that writes a report here indexes it, and nothing older than this process exists.
    indexUrgent: async () => 0,
    async reportsBy(accountId) {
      forgetExpired();
      return [...reports.values()]
        .filter((r) => accountId !== '' && r.reporterId === accountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, 100)
        .map((r) => ({ ...r }));
    },

    async claimCoordinatorOpen(accountId, groupId, windowMs) {
      const now = clock();
      for (const [key, until] of coordinatorOpens) if (until <= now) coordinatorOpens.delete(key);
      const key = `${accountId}:${groupId}`;
      if (coordinatorOpens.has(key)) return false;
      coordinatorOpens.set(key, now + windowMs);
      return true;
    },

    async eraseAccount(accountId, names, groupIds, formerName) {
      for (const groupId of [...(moderates.get(accountId) ?? []), ...groupIds]) {
        const state = groups.get(groupId);
        if (!state) continue;
        state.moderators.delete(accountId);
        state.mutes.delete(accountId);
        state.bans.delete(accountId);
      }
      moderates.delete(accountId);
      globalBans.delete(accountId);
      for (const [id, r] of reports) {
        if (r.reporterId === accountId) dedupe.delete(reportDedupeKey(r, accountId));
        const clean = scrubReport(r, accountId);
        if (clean) {
          reports.set(id, clean);
          indexUrgent(clean);
        }
      }
      audit.forEach((e, i) => {
        const clean = scrubAudit(e, accountId, names, formerName);
        if (clean) audit[i] = clean;
      });
    },
    async appendAudit(entry) {
      const id = nextAuditId();
      audit.push({ ...entry, id });
      return id;
    },
    async purgeExpiredSanctions(groupIds, now) {
      let removed = 0;
      const ended = (until: number | null) => until !== null && until <= now;
      for (const groupId of groupIds) {
        const state = groups.get(groupId);
        if (!state) continue;
        for (const [accountId, mute] of state.mutes)
          if (ended(mute.until) && state.mutes.delete(accountId)) removed++;
        for (const [accountId, ban] of state.bans)
          if (ended(ban.until) && state.bans.delete(accountId)) removed++;
      }
      for (const [accountId, ban] of globalBans)
        if (ended(ban.until) && globalBans.delete(accountId)) removed++;
      return removed;
    },
    async purgeResolvedReports(cutoff, limit) {
      let purged = 0;
      for (const [id, at] of resolvedAt) {
        if (purged >= limit) break;
        if (at > cutoff) continue;
        resolvedAt.delete(id);
        reports.delete(id);
        expires.delete(`r:${id}`);
        purged++;
      }
      return purged;
    },
    async trimAudit(cutoff, limit) {
      let n = 0;
      while (n < limit && n < audit.length && (audit[n]?.at ?? cutoff) < cutoff) n++;
      audit.splice(0, n);
      return n;
    },
    async readAudit(q) {
      const found: (AuditRecord & { id: string })[] = [];
      for (const entry of [...audit].reverse()) {
        if (found.length > q.limit) break;
        if (q.before && !isBefore(entry.id, q.before)) continue;
        if (q.accept(entry)) found.push({ ...entry });
      }
      return { entries: found.slice(0, q.limit), more: found.length > q.limit };
    },
  };
}
