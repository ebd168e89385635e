import { expect } from 'vitest';
import { createIdentity, type Identity } from '../../client/src/lib/e2e-crypto.js';
import { browserWrappingKey, createInvite, GOOD_PASSPHRASE } from './http.js';
import { TestMember } from './member.js';
import { startNode, type TestNode } from './node.js';
import { startRedis, type TestRedis } from './redis.js';

/**
 * The peer-support programme the consultation tests run on: one real Redis, `nodes` server nodes on it, a
 * coordinator signed up on the last node, and invites for teachers and consultants. `stop()` closes every member
 * it signed up, then the nodes and Redis.
 */
export interface Programme {
  redis: TestRedis;
  nodes: TestNode[];
  /** The first node, for the single-node files. */
  node: TestNode;
  admin: TestMember;
  /** Signs up a teacher (`member`) or a consultant on node `node` (0 by default). */
  person(role: 'member' | 'consultant', node?: number): Promise<TestMember>;
  /**
   * Signs up a consultant on node `node` and saves their profile: `profile` over a default that fits a grade 2
   * mathematics request on classroom management, free on Monday afternoons, capacity 3.
   */
  consultant(profile?: Record<string, unknown>, node?: number): Promise<TestMember>;
  stop(): Promise<void>;
}

export async function startProgramme({ nodes: count = 1 }: { nodes?: number } = {}): Promise<Programme> {
  const redis = await startRedis();
  const nodes: TestNode[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startNode({ redisUrl: redis.url, prefix: redis.prefix }));
  const first = nodes[0]!;
  const admin = await TestMember.signUp(nodes[count - 1]!.url, first.bootstrapInvite as string);
  const people: TestMember[] = [admin];
  const invites = {
    member: await createInvite(admin.agent, 'member', 50),
    consultant: await createInvite(admin.agent, 'consultant', 50),
  };
  const person = async (role: 'member' | 'consultant', node = 0) => {
    const m = await TestMember.signUp(nodes[node]!.url, invites[role]);
    people.push(m);
    return m;
  };
  return {
    redis,
    nodes,
    node: first,
    admin,
    person,
    async consultant(profile = {}, node = 0) {
      const c = await person('consultant', node);
      const res = await c.agent.request('PUT', '/api/consultant/profile', {
        displayName: 'Mentor',
        grades: ['2'],
        subjects: ['mathematics'],
        areas: ['classroom-management'],
        capacity: 3,
        availability: ['mon-pm'],
        paused: false,
        ...profile,
      });
      expect(res.status).toBe(200);
      return c;
    },
    async stop() {
      for (const m of people) m.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await redis.stop();
    },
  };
}

/** Gives `m` a key pair as their browser makes it (wrapped with their passphrase) and stores its public bundle. */
export async function withKeys(m: TestMember): Promise<Identity> {
  const made = await createIdentity(await browserWrappingKey(m.agent, m.pseudonym, GOOD_PASSPHRASE));
  expect((await m.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
  return made.identity;
}
