import { describe, expect, it } from 'vitest';
import { createMemoryModerationStore } from '../../server/src/features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import type {
  AuditRecord,
  BanRecord,
  ModerationStore,
  ReportRecord,
} from '../../server/src/features/moderation/moderation.store.js';
import { contractBackends } from '../support/contract.js';

/** The moderation store: one behaviour for embedded (memory) and Redis mode. */
const backends = contractBackends<ModerationStore>(
  () => createMemoryModerationStore(),
  (redis, prefix) => createRedisModerationStore(redis, prefix),
);
/** The same, with handled reports kept for 1 s only (the retention rule, observable in a test). */
const RETENTION_MS = 1_000;
const shortRetention = contractBackends<ModerationStore>(
  () => createMemoryModerationStore(Date.now, RETENTION_MS),
  (redis, prefix) => createRedisModerationStore(redis, prefix, RETENTION_MS),
);

const report = (id: string, extra: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  groupId: 'g',
  seq: 1,
  reason: 'harassment',
  note: '',
  reporterId: 'reporter',
  urgent: false,
  status: 'received',
  createdAt: 1_000,
  ...extra,
});
const audit = (action: AuditRecord['action'], groupId: string | null, at: number): AuditRecord => ({
  at,
  actorId: 'mod',
  actor: 'SteadyHeron1',
  action,
  groupId,
  target: 't',
  reason: 'r',
});

describe.each(backends)('moderation store contract: %s', (_name, make) => {
  it('group state: defaults, settings, moderators (and their index), mutes', async () => {
    const store = make();
    const empty = await store.groupState('g');
    expect(empty.settings).toEqual({
      locked: false,
      slowSeconds: 0,
      blockedTerms: [],
      careCard: false,
      holdFlagged: false,
    });
    expect(empty.moderators.size).toBe(0);
    await store.saveSettings('g', {
      locked: true,
      slowSeconds: 30,
      blockedTerms: ['spam'],
      careCard: true,
      holdFlagged: true,
    });
    await store.setModerator('g', 'm1', true);
    await store.setModerator('g', 'm2', true);
    await store.setModerator('g', 'm2', false);
    await store.setMute('g', 'x', { until: 5_000, reason: 'cool off' });
    await store.setMute('g', 'y', { until: 6_000, reason: 'y' });
    await store.setMute('g', 'y', null);
    const state = await store.groupState('g');
    expect(state.settings).toEqual({
      locked: true,
      slowSeconds: 30,
      blockedTerms: ['spam'],
      careCard: true,
      holdFlagged: true,
    });
    expect([...state.moderators]).toEqual(['m1']);
    expect(Object.fromEntries(state.mutes)).toEqual({ x: { until: 5_000, reason: 'cool off' } });
    expect(await store.moderatedGroups('m1')).toEqual(['g']);
    expect(await store.moderatedGroups('m2')).toEqual([]);
  });

  it('bans: group and global, found by id, deleted', async () => {
    const store = make();
    const groupBan: BanRecord = {
      id: 'b1',
      groupId: 'g',
      accountId: 'x',
      name: 'X',
      until: null,
      reason: 'r',
      at: 1,
    };
    const globalBan: BanRecord = {
      id: 'b2',
      groupId: null,
      accountId: 'y',
      name: 'Y',
      until: 9,
      reason: 'r',
      at: 1,
    };
    await store.saveBan(groupBan);
    await store.saveBan(globalBan);
    expect((await store.groupState('g')).bans.get('x')).toEqual(groupBan);
    expect(await store.globalBan('y')).toEqual(globalBan);
    expect(await store.globalBan('x')).toBeNull();
    expect(await store.listGlobalBans()).toEqual([globalBan]);
    expect(await store.findBan('b1')).toEqual(groupBan);
    expect(await store.findBan('b2')).toEqual(globalBan);
    await store.deleteBan(groupBan);
    await store.deleteBan(globalBan);
    expect(await store.findBan('b1')).toBeNull();
    expect(await store.globalBan('y')).toBeNull();
    expect((await store.groupState('g')).bans.size).toBe(0);
  });

  it('reports: open ones urgent first then oldest; handled ones leave the queue; per reporter newest first', async () => {
    const store = make();
    await store.createReport(report('old', { createdAt: 1 }), 'k-old');
    await store.createReport(report('new', { createdAt: 5, seq: 2 }), 'k-new');
    await store.createReport(report('urgent', { createdAt: 9, urgent: true, reporterId: '' }), 'k-urgent');
    expect((await store.openReports(['g'], 10)).map((r) => r.id)).toEqual(['urgent', 'old', 'new']);
    await store.saveReport(report('old', { createdAt: 1, status: 'reviewed', outcome: 'dismiss' }));
    expect((await store.openReports(['g'], 10)).map((r) => r.id)).toEqual(['urgent', 'new']);
    expect((await store.getReport('old'))?.status).toBe('reviewed');
    expect((await store.reportsBy('reporter')).map((r) => r.id)).toEqual(['new', 'old']);
    expect(await store.reportsBy('')).toEqual([]);
  });

  it('reports: one per dedupe key (the first id comes back); each queue is read on its own', async () => {
    const store = make();
    expect(await store.createReport(report('first'), 'reporter:g:1')).toEqual({
      id: 'first',
      duplicate: false,
    });
    expect(await store.createReport(report('second'), 'reporter:g:1')).toEqual({
      id: 'first',
      duplicate: true,
    });
    expect(await store.getReport('second')).toBeNull();
    // A flood in group "a" (older, some urgent) takes at most `perQueue` of the answer; "b" keeps its share.
    for (let i = 0; i < 30; i++)
      await store.createReport(report(`a${i}`, { groupId: 'a', createdAt: i, urgent: i % 2 === 0 }), `a${i}`);
    await store.createReport(report('b-urgent', { groupId: 'b', createdAt: 100, urgent: true }), 'b1');
    await store.createReport(report('b-plain', { groupId: 'b', createdAt: 101 }), 'b2');
    await store.createReport(report('convo', { groupId: '', conversationId: 'c1', createdAt: 102 }), 'c1');
    const open = await store.openReports(['a', 'b'], 5);
    expect(open.filter((r) => r.groupId === 'a')).toHaveLength(5);
    expect(open.filter((r) => r.groupId === 'a').every((r) => r.urgent)).toBe(true);
    expect(open.filter((r) => r.groupId === 'b').map((r) => r.id)).toEqual(['b-urgent', 'b-plain']);
    expect(open.some((r) => r.id === 'convo')).toBe(false);
    expect((await store.openReports(['~convo'], 5)).map((r) => r.id)).toEqual(['convo']);
  });

  it('audit: append only, newest first, filtered while reading, paged with before', async () => {
    const store = make();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await store.appendAudit(audit(i % 2 ? 'mute' : 'kick', i < 5 ? 'g' : 'h', 1_000 + i)));
    expect(new Set(ids).size).toBe(7);
    const all = await store.readAudit({ limit: 10, accept: () => true });
    expect(all.entries.map((e) => e.at)).toEqual([1006, 1005, 1004, 1003, 1002, 1001, 1000]);
    expect(all.more).toBe(false);
    const mutesInG = await store.readAudit({
      limit: 10,
      accept: (e) => e.action === 'mute' && e.groupId === 'g',
    });
    expect(mutesInG.entries.map((e) => e.at)).toEqual([1003, 1001]);
    const page = await store.readAudit({ limit: 3, accept: () => true });
    expect(page.more).toBe(true);
    const next = await store.readAudit({ limit: 3, before: page.entries.at(-1)?.id, accept: () => true });
    expect(next.entries.map((e) => e.at)).toEqual([1003, 1002, 1001]);
  });

  it('a coordinator’s look at a group is claimed once per window, per coordinator and group', async () => {
    const store = make();
    expect(await store.claimCoordinatorOpen('coord', 'g', 600)).toBe(true);
    expect(await store.claimCoordinatorOpen('coord', 'g', 600)).toBe(false);
    expect(await store.claimCoordinatorOpen('coord', 'h', 600)).toBe(true);
    expect(await store.claimCoordinatorOpen('other', 'g', 600)).toBe(true);
    await new Promise((r) => setTimeout(r, 700));
    expect(await store.claimCoordinatorOpen('coord', 'g', 600)).toBe(true);
  });
});

describe.each(shortRetention)('moderation store retention: %s', (_name, make) => {
  it('a handled report is deleted after the retention period; an open one is kept', async () => {
    const store = make();
    await store.createReport(report('handled'), 'k1');
    await store.createReport(report('open', { seq: 2 }), 'k2');
    await store.saveReport(report('handled', { status: 'reviewed', outcome: 'dismiss' }));
    expect(await store.getReport('handled')).not.toBeNull();
    await new Promise((r) => setTimeout(r, RETENTION_MS + 1_200));
    expect(await store.getReport('handled')).toBeNull();
    expect((await store.getReport('open'))?.status).toBe('received');
    expect((await store.reportsBy('reporter')).map((r) => r.id)).not.toContain('handled');
    // The dedupe marker went with it: the same reporter may report the same message again.
    expect((await store.createReport(report('again'), 'k1')).duplicate).toBe(false);
  });
});

/** After the review of 2026-12-06 (tests/abuse/README.md): compare-and-set updates, held index, sanctions. */
describe.each(backends)('moderation store after the review: %s', (_name, make) => {
  it('updateReport: one of many racing updates wins; a stale acknowledgement neither reopens a handled report nor restores its text', async () => {
    const store = make();
    await store.createReport(
      report('race', { urgent: true, reporterId: '', subjectId: 'x', heldText: 'secret words' }),
      'race-once',
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.updateReport('race', { status: 'received' }, (r) => {
          const { heldText: _gone, ...rest } = r;
          return { ...rest, status: 'reviewed', outcome: `dismiss ${i}`, resolvedAt: 2_000 };
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // An acknowledgement computed from a copy read before the resolve loses, with the report as it is now.
    const stale = await store.updateReport('race', { status: 'received', unacknowledged: true }, (r) => ({
      ...r,
      acknowledgedAt: 3_000,
    }));
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.current?.status).toBe('reviewed');
    const now = await store.getReport('race');
    expect(now?.status).toBe('reviewed');
    expect(now?.heldText).toBeUndefined();
    expect(now?.acknowledgedAt).toBeUndefined();
    expect((await store.openReports(['g'], 50)).map((r) => r.id)).not.toContain('race');
    expect((await store.updateReport('missing', {}, (r) => r)).ok).toBe(false);
  });

  it('updateReport: keep and release of a held message race, and exactly one decides', async () => {
    const store = make();
    for (let round = 0; round < 10; round++) {
      const id = `held-${round}`;
      await store.createReport(
        report(id, { reporterId: '', subjectId: 'writer', held: 'pending', heldText: 'held words' }),
        `once-${id}`,
      );
      const [keep, release] = await Promise.all([
        store.updateReport(id, { status: 'received', held: 'pending' }, (r) => {
          const { heldText: _erased, ...rest } = r;
          return { ...rest, held: 'kept' };
        }),
        store.updateReport(id, { status: 'received', held: 'pending' }, (r) => ({ ...r, held: 'released' })),
      ]);
      expect([keep.ok, release.ok].filter(Boolean)).toHaveLength(1);
      const stored = await store.getReport(id);
      expect(stored?.held).toBe(keep.ok ? 'kept' : 'released');
      if (keep.ok) expect(stored?.heldText).toBeUndefined();
    }
  });

  it('heldBy: exactly a member’s pending held messages, behind more than 50 open urgent reports; a decided one leaves', async () => {
    const store = make();
    for (let i = 0; i < 60; i++)
      await store.createReport(report(`urgent-${i}`, { urgent: true, createdAt: 1_000 + i }), `u-${i}`);
    for (let i = 0; i < 3; i++) {
      await store.createReport(
        report(`mine-${i}`, {
          urgent: true,
          reporterId: '',
          subjectId: 'writer',
          held: 'pending',
          heldText: `words ${i}`,
          heldClientId: `c${i}`,
          createdAt: 5_000 + i,
        }),
        `h-${i}`,
      );
    }
    await store.createReport(
      report('theirs', { reporterId: '', subjectId: 'other', held: 'pending', createdAt: 6_000 }),
      'h-other',
    );
    expect((await store.heldBy('g', 'writer')).map((r) => r.id)).toEqual(['mine-0', 'mine-1', 'mine-2']);
    await store.updateReport('mine-1', { held: 'pending' }, (r) => ({ ...r, held: 'kept' }));
    expect((await store.heldBy('g', 'writer')).map((r) => r.id)).toEqual(['mine-0', 'mine-2']);
    expect(await store.heldBy('h', 'writer')).toEqual([]);
  });

  it('openAlertsAbout: exactly the open alerts about a member in a group, acknowledged or not, behind more than 50 open urgent reports; a handled one leaves, an erased member has none', async () => {
    const store = make();
    const alert = (id: string, subjectId: string, createdAt: number, extra: Partial<ReportRecord> = {}) =>
      report(id, { reason: 'crisis', reporterId: '', urgent: true, subjectId, createdAt, ...extra });
    await store.createReport(alert('first', 'writer', 1_000), 'a-first');
    for (let i = 0; i < 60; i++) await store.createReport(alert(`other-${i}`, 'other', 2_000 + i), `o-${i}`);
    await store.createReport(alert('late', 'writer', 9_000), 'a-late');
    await store.createReport(alert('last', 'writer', 9_500), 'a-last');
    await store.createReport(alert('elsewhere', 'writer', 9_600, { groupId: 'h' }), 'a-h');
    // A member's report and a revealed one-to-one message about the same person are items of their own.
    await store.createReport(
      report('reported', { reason: 'crisis', urgent: true, subjectId: 'writer' }),
      'r',
    );
    await store.createReport(
      alert('revealed', 'writer', 9_700, { groupId: '', conversationId: 'c1' }),
      'a-revealed',
    );
    expect((await store.openReports(['g'], 50)).map((r) => r.id)).not.toContain('late');
    const acked = await store.updateReport('late', { unacknowledged: true }, (r) => ({
      ...r,
      acknowledgedAt: 1,
    }));
    expect(acked.ok).toBe(true);
    const ids = async (groupId = 'g', accountId = 'writer') =>
      (await store.openAlertsAbout(groupId, accountId)).map((r) => r.id);
    expect(await ids()).toEqual(['first', 'late', 'last']);
    expect((await store.openAlertsAbout('g', 'writer'))[1]?.acknowledgedAt).toBe(1);
    expect(await ids('h')).toEqual(['elsewhere']);
    expect(await ids('g', 'other')).toHaveLength(60);
    expect(await ids('g', 'nobody')).toEqual([]);
    await store.updateReport('first', { status: 'received' }, (r) => ({
      ...r,
      status: 'action-taken',
      resolvedAt: 2,
    }));
    expect(await ids()).toEqual(['late', 'last']);
    await store.eraseAccount('writer', [], ['g'], 'Former member');
    expect(await ids()).toEqual([]);
    expect(await ids('h')).toEqual([]);
    expect(await ids('g', 'other')).toHaveLength(60);
  });

  it('purgeExpiredSanctions: ended mutes and timed bans go with their names and reasons; current and permanent ones stay', async () => {
    const store = make();
    const ban = (id: string, groupId: string | null, accountId: string, until: number | null): BanRecord => ({
      id,
      groupId,
      accountId,
      name: `Name ${id}`,
      until,
      reason: 'why',
      at: 1,
    });
    await store.setMute('g', 'ended', { until: 1_000, reason: 'cool off' });
    await store.setMute('g', 'current', { until: 9_000, reason: 'cool off' });
    await store.saveBan(ban('b-ended', 'g', 'a1', 1_000));
    await store.saveBan(ban('b-current', 'g', 'a2', 9_000));
    await store.saveBan(ban('b-forever', 'g', 'a3', null));
    await store.saveBan(ban('b-global-ended', null, 'a4', 1_000));
    await store.saveBan(ban('b-global-forever', null, 'a5', null));
    expect(await store.purgeExpiredSanctions(['g', 'nothing-here'], 5_000)).toBe(3);
    const s = await store.groupState('g');
    expect([...s.mutes.keys()]).toEqual(['current']);
    expect([...s.bans.keys()].sort()).toEqual(['a2', 'a3']);
    expect(await store.findBan('b-ended')).toBeNull();
    expect(await store.findBan('b-global-ended')).toBeNull();
    expect(await store.globalBan('a4')).toBeNull();
    expect((await store.globalBan('a5'))?.id).toBe('b-global-forever');
    expect(await store.purgeExpiredSanctions(['g'], 5_000)).toBe(0);
  });
});

describe('memory moderation store after the review', () => {
  it('reading the state of 5,000 unknown groups adds nothing to the store', async () => {
    const store = createMemoryModerationStore();
    await store.setMute('known', 'a', { until: 1, reason: 'r' });
    const before = store.groupsHeld();
    for (let i = 0; i < 5_000; i++) await store.groupState(`random-${i}-${Math.random()}`);
    expect(store.groupsHeld()).toBe(before);
  });
});
