import { describe, expect, it } from 'vitest';
import { createMemoryAccountStore } from '../../server/src/features/accounts/accounts.memory-store.js';
import { createRedisAccountStore } from '../../server/src/features/accounts/accounts.redis-store.js';
import type { AccountStore } from '../../server/src/features/accounts/accounts.store.js';
import { createMemoryConsultationStore } from '../../server/src/features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from '../../server/src/features/consultations/consultations.redis-store.js';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import type {
  ConsultationStore,
  ConversationRecord,
} from '../../server/src/features/consultations/consultations.store.js';
import { createMemoryGroupStore } from '../../server/src/features/groups/groups.memory-store.js';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import type { GroupStore } from '../../server/src/features/groups/groups.store.js';
import { createMemoryMessageStore } from '../../server/src/features/messages/messages.memory-store.js';
import { createRedisMessageStore } from '../../server/src/features/messages/messages.redis-store.js';
import type { MessageStore } from '../../server/src/features/messages/messages.store.js';
import { createMemoryModerationStore } from '../../server/src/features/moderation/moderation.memory-store.js';
import { createRedisModerationStore } from '../../server/src/features/moderation/moderation.redis-store.js';
import type { ModerationStore, ReportRecord } from '../../server/src/features/moderation/moderation.store.js';
import type { KeyBundle } from '@staffroom/shared/schemas/consultations';
import { contractBackends } from '../support/contract.js';

interface Stores {
  accounts: AccountStore;
  groups: GroupStore;
  messages: MessageStore;
  moderation: ModerationStore;
  consultations: ConsultationStore;
}

/** Erasure, in embedded mode (memory) and Redis mode: the same outcome from the same steps. */
const backends = contractBackends<Stores>(
  () => {
    const keys = new Map<string, KeyBundle>();
    return {
      accounts: createMemoryAccountStore(Date.now, { map: keys }),
      groups: createMemoryGroupStore(),
      messages: createMemoryMessageStore(100),
      moderation: createMemoryModerationStore(),
      consultations: createMemoryConsultationStore(keys),
    };
  },
  (redis, prefix, subscriber) => ({
    accounts: createRedisAccountStore(redis, prefix, { redisKey: consultationKeys(prefix).keys }),
    groups: createRedisGroupStore(redis, prefix),
    messages: createRedisMessageStore(redis, subscriber, prefix, 100),
    moderation: createRedisModerationStore(redis, prefix),
    consultations: createRedisConsultationStore(redis, prefix),
  }),
  // On Redis Cluster too: the account's record, pseudonym and sessions go in per-slot steps (review 2026-12-06).
);

const FORMER = { tag: 'former-member', name: 'Former member' };
const send = (s: Stores, accountId: string, text: string, name = `${accountId}-alias`) =>
  s.messages.append({
    groupId: 'g1',
    accountId,
    tag: `${accountId}-tag`,
    name,
    text,
    clientId: `cid-${Math.random().toString(36).slice(2)}`,
    now: Date.now(),
    rateLimit: 0,
    rateWindowMs: 1,
    slowWindowMs: 0,
    live: '{"kind":"text"}',
  });

describe.each(backends)('erasure (%s)', (_backend, make) => {
  it('when an account is erased, then meetings hosted under its names show the former name; others stay (after the review, 2026-12-06)', async () => {
    const s = make();
    const meeting = {
      groupId: 'g1',
      title: 'Check-in',
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 30,
    };
    await s.groups.saveMeeting({ ...meeting, id: 'm1', host: 'QuietOwl7' });
    await s.groups.saveMeeting({ ...meeting, id: 'm2', host: ' quietowl7 ' });
    await s.groups.saveMeeting({ ...meeting, id: 'm3', host: 'Alias In Group' });
    await s.groups.saveMeeting({ ...meeting, id: 'm4', host: 'SteadyHeron12' });
    const names = ['QuietOwl7', 'Alias In Group'];
    expect(await s.groups.deattributeMeetings(['g1', 'g2'], names, FORMER.name)).toBe(3);
    const hosts = Object.fromEntries((await s.groups.listMeetings(['g1'])).map((m) => [m.id, m.host]));
    expect(hosts).toEqual({ m1: FORMER.name, m2: FORMER.name, m3: FORMER.name, m4: 'SteadyHeron12' });
    expect(await s.groups.deattributeMeetings(['g1'], names, FORMER.name)).toBe(0);
  });

  it('when an author is erased with removal, then their messages are tombstones without them, their reactions are taken back, and a second run changes nothing', async () => {
    const s = make();
    const a = await send(s, 'victim', 'first words');
    const b = await send(s, 'other', 'a reply');
    const c = await send(s, 'victim', 'second words');
    const [sa, sb, sc] = [a, b, c].map((r) => (r.status === 'stored' ? r.seq : 0)) as [
      number,
      number,
      number,
    ];
    await s.messages.setReaction('g1', sb, 'hug', 'victim', true);
    await s.messages.setReaction('g1', sb, 'hug', 'other', true);
    const exported = await s.messages.exportAuthor('g1', 'victim');
    expect(exported.messages.map((m) => m.text)).toEqual(['first words', 'second words']);
    expect(exported.reactions).toEqual([{ seq: sb, kind: 'hug' }]);

    expect(await s.messages.eraseAuthor('g1', 'victim', 'remove', FORMER)).toEqual([sa, sc]);
    const { messages } = await s.messages.range('g1', { limit: 10 });
    expect(messages.map((m) => [m.seq, m.kind, m.accountId, m.tag, m.name, m.text])).toEqual([
      [sa, 'removed', '', 'former-member', 'Former member', ''],
      [sb, 'text', 'other', 'other-tag', 'other-alias', 'a reply'],
      [sc, 'removed', '', 'former-member', 'Former member', ''],
    ]);
    expect(messages[0]?.removedBy).toBe('author');
    expect(await s.messages.reactions('g1', [sb], 'victim')).toEqual([{ counts: { hug: 1 }, mine: [] }]);
    expect(await s.messages.eraseAuthor('g1', 'victim', 'remove', FORMER)).toEqual([]);
    expect(await s.messages.exportAuthor('g1', 'victim')).toEqual({ messages: [], reactions: [] });
    // New messages still get the next seq.
    const d = await send(s, 'other', 'after');
    expect(d.status === 'stored' && d.seq).toBe(sc + 1);
  });

  it('when an author is erased keeping their messages, then the text stays under the former name', async () => {
    const s = make();
    const a = await send(s, 'victim', 'kept words');
    const seq = a.status === 'stored' ? a.seq : 0;
    expect(await s.messages.eraseAuthor('g1', 'victim', 'de-attribute', FORMER)).toEqual([seq]);
    const m = await s.messages.get('g1', seq);
    expect(m).toMatchObject({
      kind: 'text',
      text: 'kept words',
      accountId: '',
      tag: 'former-member',
      name: 'Former member',
    });
  });

  it('when an account is erased, then its memberships, reports, audit names, conversations and record go, and the first erasing state holds', async () => {
    const s = make();
    // Accounts: marked once, then deleted with its pseudonym.
    await s.accounts.saveInvite({
      id: 'i1',
      codeHash: 'h1',
      role: 'member',
      maxUses: 5,
      uses: 0,
      expiresAt: Date.now() + 60_000,
      createdAt: 1,
      revoked: false,
    });
    await s.accounts.signUp(
      'h1',
      { id: 'victim', pseudonym: 'Calm Otter', skeleton: 'calmotter', passHash: 'x', createdAt: 1 },
      Date.now(),
    );
    const first = await s.accounts.markErasing('victim', {
      messages: 'remove',
      names: ['Calm Otter', 'Quiet Heron'],
      since: 1,
    });
    const again = await s.accounts.markErasing('victim', { messages: 'de-attribute', names: [], since: 2 });
    expect(again).toEqual(first);
    expect((await s.accounts.getAccount('victim'))?.erasing?.messages).toBe('remove');
    expect(await s.accounts.markErasing('nobody', { messages: 'remove', names: [], since: 1 })).toBeNull();

    // Groups.
    await s.groups.addMember({
      groupId: 'g1',
      accountId: 'victim',
      tag: 't1',
      name: 'Quiet Heron',
      aliasSkeleton: 'quietheron',
      joinedAt: 1,
    });
    await s.groups.markRead('victim', 'g1', 4);
    expect((await s.groups.eraseAccount('victim')).map((m) => m.name)).toEqual(['Quiet Heron']);
    expect(await s.groups.accountGroupIds('victim')).toEqual([]);
    expect(await s.groups.readMarks('victim', ['g1'])).toEqual([0]);
    expect(
      await s.groups.addMember({
        groupId: 'g1',
        accountId: 'other',
        tag: 't2',
        name: 'Quiet Heron',
        aliasSkeleton: 'quietheron',
        joinedAt: 2,
      }),
    ).toBe('added');

    // Moderation: a report they filed, a ban, a moderator role, audit entries naming them.
    const report: ReportRecord = {
      id: 'r1',
      groupId: 'g1',
      seq: 3,
      reason: 'harassment',
      note: 'n',
      reporterId: 'victim',
      urgent: false,
      status: 'received',
      createdAt: 1,
    };
    await s.moderation.createReport(report, 'victim:g:g1:3');
    await s.moderation.setModerator('g1', 'victim', true);
    await s.moderation.saveBan({
      id: 'b1',
      groupId: null,
      accountId: 'victim',
      name: 'Calm Otter',
      until: null,
      reason: 'r',
      at: 1,
    });
    await s.moderation.appendAudit({
      at: 1,
      actorId: 'admin',
      actor: 'Lead',
      action: 'mute',
      groupId: 'g1',
      target: 'Quiet Heron for 5 min',
      reason: 'cool down',
    });
    await s.moderation.appendAudit({
      at: 2,
      actorId: 'victim',
      actor: 'Calm Otter',
      action: 'kick',
      groupId: 'g1',
      target: 'Someone',
      reason: 'r',
    });
    await s.moderation.appendAudit({
      at: 3,
      actorId: 'admin',
      actor: 'Lead',
      action: 'lock',
      groupId: 'g1',
      target: 'group',
      reason: 'r',
    });
    await s.moderation.eraseAccount('victim', ['Calm Otter', 'Quiet Heron'], ['g1'], 'Former member');
    expect((await s.moderation.getReport('r1'))?.reporterId).toBe('');
    expect(await s.moderation.reportsBy('victim')).toEqual([]);
    expect((await s.moderation.createReport({ ...report, id: 'r2' }, 'victim:g:g1:3')).duplicate).toBe(false);
    expect((await s.moderation.groupState('g1')).moderators.has('victim')).toBe(false);
    expect(await s.moderation.globalBan('victim')).toBeNull();
    expect(await s.moderation.findBan('b1')).toBeNull();
    const audit = (await s.moderation.readAudit({ limit: 10, accept: () => true })).entries.reverse();
    expect(audit.map((e) => [e.actorId, e.actor, e.target])).toEqual([
      ['admin', 'Lead', 'Former member for 5 min'],
      ['', 'Former member', 'Someone'],
      ['admin', 'Lead', 'group'],
    ]);
    // The log still takes new entries after its ids.
    await s.moderation.appendAudit({
      at: 4,
      actorId: 'admin',
      actor: 'Lead',
      action: 'unlock',
      groupId: 'g1',
      target: 'group',
      reason: 'r',
    });
    expect((await s.moderation.readAudit({ limit: 10, accept: () => true })).entries).toHaveLength(4);

    // Consultations: their side of the conversation goes, the other side stays, the conversation ends.
    const bundle = { publicKey: '{"kty":"EC"}', wrappedPrivateKey: 'w', wrapIv: 'i', kdf: 'argon2id-v1' };
    await s.consultations.saveKeys('victim', bundle as KeyBundle);
    const convo: ConversationRecord = {
      id: 'c1',
      teacherId: 'victim',
      consultantId: 'helper',
      teacherName: 'Steady Heron 417',
      consultantName: 'Mr Fractions',
      createdAt: 1,
      status: 'active',
      closeProposedBy: null,
      feedbackDone: false,
      blocked: false,
    };
    await s.consultations.saveConversation(convo);
    await s.consultations.appendMessage('c1', {
      from: 'teacher',
      ciphertext: 'AAAA',
      iv: 'BBBB',
      clientId: 'k1abcdefgh',
      now: 1,
    });
    await s.consultations.appendMessage('c1', {
      from: 'consultant',
      ciphertext: 'CCCC',
      iv: 'DDDD',
      clientId: 'k2abcdefgh',
      now: 2,
    });
    await s.consultations.saveGoal('c1', { id: 'goal1', ciphertext: 'EEEE', iv: 'FFFF', updatedAt: 1 });
    expect(await s.consultations.eraseAccount('victim', 5, 'Former member')).toEqual([
      { conversationId: 'c1', peerId: 'helper' },
    ]);
    expect(await s.consultations.eraseAccount('victim', 6, 'Former member')).toEqual([]);
    const ended = await s.consultations.getConversation('c1');
    expect(ended).toMatchObject({
      teacherId: '',
      teacherName: 'Former member',
      status: 'closed',
      closedAt: 5,
      consultantId: 'helper',
    });
    expect(ended?.erasedKey).toBe(bundle.publicKey);
    expect((await s.consultations.messages('c1', 0, 10)).messages.map((m) => [m.seq, m.from])).toEqual([
      [2, 'consultant'],
    ]);
    expect(await s.consultations.goals('c1')).toEqual([]);
    expect(await s.consultations.getKeys('victim')).toBeNull();
    expect(await s.consultations.conversationsOf('victim')).toEqual([]);
    expect((await s.consultations.conversationsOf('helper')).map((c) => c.id)).toEqual(['c1']);

    // Last, the record with its auth hash and its pseudonym.
    await s.accounts.deleteAccount('victim');
    await s.accounts.deleteAccount('victim');
    expect(await s.accounts.getAccount('victim')).toBeNull();
    expect(await s.accounts.isPseudonymTaken('calmotter')).toBe(false);
  });
});
