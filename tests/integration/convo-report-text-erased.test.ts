import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationKeys } from '../../server/src/features/moderation/moderation.keys.js';
import {
  CONVO_QUEUE,
  reportPriority,
  type ReportRecord,
} from '../../server/src/features/moderation/moderation.store.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/*
 * RELIABILITY.md P4: no API returns one-to-one content. Older versions stored the text a participant "revealed"
 * with a one-to-one report until it was handled; a node erases it from the open ones it finds (its escalator's
 * first run), so nothing old is served or kept.
 */
const OLD_TEXT = `Revealedbefore${Math.random().toString(36).slice(2)}`;

let redis: TestRedis;
let node: TestNode | undefined;
const people: TestMember[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const m of people) m.close();
  await node?.stop();
  await redis.stop();
});

describe('one-to-one text stored by older versions', () => {
  it('when a node starts over open one-to-one reports that carry revealed text, then the text is erased and the reports stay open for program moderators', async () => {
    const raw = redis.client();
    const k = moderationKeys(redis.prefix);
    /** The reports as stored (the report's own key, and the older hash). */
    const stored = async () =>
      JSON.stringify([
        await raw.get(k.report('own-key')),
        await raw.get(k.report('legacy')),
        await raw.hgetall(k.reports()),
      ]);
    const old = (id: string, createdAt: number) => ({
      id,
      groupId: '',
      seq: 1,
      reason: 'harassment',
      note: '',
      reporterId: 'someone',
      urgent: false,
      status: 'received',
      createdAt,
      conversationId: `c-${id}`,
      revealedText: `${OLD_TEXT} ${id}`,
      revealedVerified: true,
    });
    try {
      const own = old('own-key', Date.now() - 2_000);
      await raw.set(k.report(own.id), JSON.stringify(own));
      await raw.zadd(k.openReports(CONVO_QUEUE), reportPriority(own as ReportRecord), own.id);
      // Filed before one key per report and per-group queues: the older hash and single queue.
      const legacy = old('legacy', Date.now() - 1_000);
      await raw.hset(k.reports(), legacy.id, JSON.stringify(legacy));
      await raw.zadd(k.legacyOpenReports(), reportPriority(legacy as ReportRecord), legacy.id);
      expect(await stored()).toContain(OLD_TEXT);

      node = await startNode({
        redisUrl: redis.url,
        prefix: redis.prefix,
        env: { CRISIS_ESCALATE_MINUTES: '0.02' },
      });
      await waitFor(async () => !(await stored()).includes(OLD_TEXT) || null, {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: 'the revealed text to be erased',
      });
      expect(await stored()).not.toContain('revealedVerified');
    } finally {
      raw.disconnect();
    }

    if (!node) throw new Error('The node did not start.');
    const admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
    people.push(admin);
    const reviewer = await TestMember.signUp(node.url, await createInvite(admin.agent, 'moderator', 1));
    people.push(reviewer);
    const queue = await reviewer.transport.request('mod:queue', {});
    const items = queue.ok ? queue.data.items : [];
    expect(items.map((i) => i.id).sort()).toEqual(['legacy', 'own-key']);
    for (const item of items) expect(item).toMatchObject({ groupId: '', message: null, status: 'received' });
    expect(JSON.stringify(items)).not.toContain(OLD_TEXT);
  });
});
