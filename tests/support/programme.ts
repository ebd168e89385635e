import { expect } from 'vitest';
import { createIdentity, type Identity } from '../../client/src/lib/e2e-crypto.js';
import { browserWrappingKey, createInvite, GOOD_PASSPHRASE } from './http.js';
import { TestMember } from './member.js';
import { startNode, type TestNode } from './node.js';
import { startRedis, type TestRedis } from './redis.js';

/**
 * The peer-support programme the consultation tests run on: one real Redis, `nodes` server nodes on it (each with
 * `env`), a coordinator signed up on node `coordinatorNode`, and invites for teachers, consultants and moderators.
 * `stop()` closes every member it signed up, then the nodes and Redis.
 */
export interface Programme {
  redis: TestRedis;
  nodes: TestNode[];
  /** The first node, for the single-node files. */
  node: TestNode;
  admin: TestMember;
  /** Signs up a teacher (`member`), a consultant or a moderator on node `node` (0 by default). */
  person(role: Role, node?: number): Promise<TestMember>;
  /**
   * Signs up a consultant on node `node` and saves their profile: `profile` over a default that fits a grade 2
   * mathematics request on classroom management, free on Monday afternoons, capacity 3.
   */
  consultant(profile?: Record<string, unknown>, node?: number): Promise<TestMember>;
  /**
   * Pauses every consultant `consultant()` made since the last call, so that the next test's matching sees only the
   * consultants it makes (run it before each test).
   */
  pauseConsultants(): Promise<void>;
  stop(): Promise<void>;
}

type Role = 'member' | 'consultant' | 'moderator';

export interface ProgrammeOptions {
  /** How many server nodes share the Redis (1 by default). */
  nodes?: number;
  /** Environment for every node, e.g. a short `OFFER_HOURS`. */
  env?: Record<string, string>;
  /** The node the coordinator signs up on (0 by default). */
  coordinatorNode?: number;
}

export async function startProgramme({
  nodes: count = 1,
  env,
  coordinatorNode = 0,
}: ProgrammeOptions = {}): Promise<Programme> {
  const redis = await startRedis();
  const nodes: TestNode[] = [];
  for (let i = 0; i < count; i++)
    nodes.push(await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }));
  const first = nodes[0]!;
  const admin = await TestMember.signUp(nodes[coordinatorNode]!.url, first.bootstrapInvite as string);
  const people: TestMember[] = [admin];
  const consultants: TestMember[] = [];
  const invites: Record<Role, string> = {
    member: await createInvite(admin.agent, 'member', 500),
    consultant: await createInvite(admin.agent, 'consultant', 500),
    moderator: await createInvite(admin.agent, 'moderator', 500),
  };
  const person = async (role: Role, node = 0) => {
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
      consultants.push(c);
      return c;
    },
    async pauseConsultants() {
      for (const c of consultants.splice(0)) {
        const current = (await c.agent.get('/api/consultant/profile')).body.profile;
        const { hasSchool: _s, hasDistrict: _d, active: _a, ...rest } = current;
        const paused = await c.agent.request('PUT', '/api/consultant/profile', { ...rest, paused: true });
        expect(paused.status).toBe(200);
      }
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
