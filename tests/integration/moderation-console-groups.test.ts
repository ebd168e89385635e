import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/*
 * PRODUCT.md: coordinators run groups and appoint moderators without seeing content. `mod:groups` tells them each
 * group's moderators by pseudonym (appointed before joining, or joined), so a group nobody looks after stands out.
 */
let redis: TestRedis;
let node: TestNode;
let admin: TestMember;
const everyone: TestMember[] = [];

async function createGroup(name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  return res.body.group.id as string;
}

beforeAll(async () => {
  redis = await startRedis();
  node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
  admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
  everyone.push(admin);
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await node.stop();
  await redis.stop();
});

describe("the coordinator's list of groups", () => {
  it('when one group has no moderator and another has one appointed before joining and one who joined, then a coordinator sees their pseudonyms only, and a moderator gets no such list', async () => {
    const alone = await createGroup('Nobody looks after this one');
    const looked = await createGroup('Looked after');
    const invite = await createInvite(admin.agent, 'moderator', 10);
    const notJoined = await TestMember.signUp(node.url, invite);
    const joined = await TestMember.signUp(node.url, invite);
    everyone.push(notJoined, joined);
    const appointed = await admin.transport.request('mod:appoint', {
      groupId: looked,
      pseudonym: notJoined.pseudonym,
      on: true,
    });
    expect(appointed.ok).toBe(true);
    await appointModerator(admin, joined, looked);

    const listed = await admin.transport.request('mod:groups', {});
    if (!listed.ok) throw new Error(listed.error.code);
    const byId = new Map(listed.data.groups.map((g) => [g.id, g]));
    expect(byId.get(alone)).toEqual({ id: alone, name: 'Nobody looks after this one', moderators: [] });
    expect(byId.get(looked)?.moderators).toEqual(
      [notJoined.pseudonym, joined.pseudonym].sort((a, b) => a.localeCompare(b)),
    );
    // Nothing but the group and the pseudonyms: no account id, alias or anything a member wrote.
    for (const g of listed.data.groups) expect(Object.keys(g).sort()).toEqual(['id', 'moderators', 'name']);

    // A moderator's list is the groups they moderate, without who else moderates them.
    const mine = await joined.transport.request('mod:groups', {});
    expect(mine.ok && mine.data.groups).toEqual([{ id: looked, name: 'Looked after' }]);

    // Rights taken away: the list says so at once.
    const removed = await admin.transport.request('mod:appoint', {
      groupId: looked,
      pseudonym: notJoined.pseudonym,
      on: false,
    });
    expect(removed.ok).toBe(true);
    const after = await admin.transport.request('mod:groups', {});
    expect(after.ok && after.data.groups.find((g) => g.id === looked)?.moderators).toEqual([
      joined.pseudonym,
    ]);
  });
});
