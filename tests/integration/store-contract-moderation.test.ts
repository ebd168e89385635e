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
const backends = contractBackends<ModerationStore>(createMemoryModerationStore, createRedisModerationStore);

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
    expect(empty.settings).toEqual({ locked: false, slowSeconds: 0, blockedTerms: [] });
    expect(empty.moderators.size).toBe(0);
    await store.saveSettings('g', { locked: true, slowSeconds: 30, blockedTerms: ['spam'] });
    await store.setModerator('g', 'm1', true);
    await store.setModerator('g', 'm2', true);
    await store.setModerator('g', 'm2', false);
    await store.setMute('g', 'x', { until: 5_000, reason: 'cool off' });
    await store.setMute('g', 'y', { until: 6_000, reason: 'y' });
    await store.setMute('g', 'y', null);
    const state = await store.groupState('g');
    expect(state.settings).toEqual({ locked: true, slowSeconds: 30, blockedTerms: ['spam'] });
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
    await store.saveReport(report('old', { createdAt: 1 }));
    await store.saveReport(report('new', { createdAt: 5 }));
    await store.saveReport(report('urgent', { createdAt: 9, urgent: true, reporterId: '' }));
    expect((await store.openReports()).map((r) => r.id)).toEqual(['urgent', 'old', 'new']);
    await store.saveReport(report('old', { createdAt: 1, status: 'reviewed', outcome: 'dismiss' }));
    expect((await store.openReports()).map((r) => r.id)).toEqual(['urgent', 'new']);
    expect((await store.getReport('old'))?.status).toBe('reviewed');
    expect((await store.reportsBy('reporter')).map((r) => r.id)).toEqual(['new', 'old']);
    expect(await store.reportsBy('')).toEqual([]);
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
});
