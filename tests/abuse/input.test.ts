import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNginx, type TestNginx } from '../support/nginx.js';
import { request } from '../support/socket.js';

/**
 * Input and errors (issue 12), on two nodes behind the shipped nginx: malformed addresses are the client's
 * error and leave a clean log; text that shows nothing is empty; blocked terms are not evaded with accents or
 * look-alike letters.
 */
let cluster: TestCluster;
let nginx: TestNginx;
let admin: TestMember;
let member: TestMember;
let groupId: string;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, env: { BLOCKED_TERMS: 'pineapple' } });
  const [a, b] = cluster.nodes;
  nginx = await startNginx({ upstreams: [`127.0.0.1:${a!.port}`, `127.0.0.1:${b!.port}`] });
  admin = await TestMember.signUp(a!.url, cluster.bootstrapInvite);
  member = await TestMember.signUp(b!.url, await createInvite(admin.agent, 'member', 5));
  const res = await admin.agent.post('/api/groups', {
    name: 'Input checks',
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  groupId = res.body.group.id as string;
  // Coordinators never join a group; they still change its settings.
  await member.join(groupId);
  await member.open(groupId);
});

afterAll(async () => {
  admin?.close();
  member?.close();
  await nginx?.stop();
  await cluster?.stop();
});

const MALFORMED: [method: string, path: string][] = [
  ['DELETE', '/api/invites/%E0%A4%A'],
  ['GET', '/%E0%A4%A'],
  ['GET', '/api/groups/%E0%A4%A'],
  ['GET', '/api/%E0%A4%A'],
  ['GET', '/assets/%ZZ.js'],
];

describe('malformed percent-escapes', () => {
  it('when an address has a malformed escape, then every node and nginx answer 400 with a typed error, and no log line carries the text or a stack', async () => {
    const before = cluster.output().length;
    for (const base of [...cluster.nodes.map((n) => n.url), nginx.url]) {
      for (const [method, path] of MALFORMED) {
        const res = await fetch(`${base}${path}`, { method });
        const text = await res.text();
        expect(res.status, `${method} ${path} on ${base}`).toBe(400);
        if (base !== nginx.url || text.startsWith('{')) {
          expect(JSON.parse(text), `${method} ${path}`).toMatchObject({ error: 'INVALID_PAYLOAD' });
        }
      }
    }
    const logged = cluster.output().slice(before).join('\n');
    expect(logged).not.toMatch(/%E0|%ZZ|URIError|"stack"|"level":50/);
  });
});

describe('invisible text', () => {
  const INVISIBLE = [
    '\u200b\u200b\u200b',
    '\u3164',
    '\u115f\u1160',
    '\u2800\u2800\u2800',
    '\u2060\ufeff\u00ad\u200d',
    '\u{e0041}\u{e0042}',
    ' \u200b \u3164 \n ',
  ];

  it('when a message is only invisible characters, then it is MESSAGE_EMPTY and nothing is stored', async () => {
    const before = await request(member.socket, 'group:open', { groupId });
    if (!before.ok) throw new Error(before.error.code);
    for (const text of INVISIBLE) {
      const ack = await request(member.socket, 'message:send', { groupId, clientId: randomUUID(), text });
      expect(ack.ok ? 'stored' : ack.error.code, JSON.stringify(text)).toBe('MESSAGE_EMPTY');
    }
    const after = await request(member.socket, 'group:open', { groupId });
    if (!after.ok) throw new Error(after.error.code);
    expect(after.data.latestSeq).toBe(before.data.latestSeq);
    // Real text with a joiner inside (an emoji sequence) is still a message.
    const real = await request(member.socket, 'message:send', {
      groupId,
      clientId: randomUUID(),
      text: '👩\u200d🏫 thank you',
    });
    expect(real.ok).toBe(true);
  });

  it('when another text field is only invisible characters, then it is refused as invalid', async () => {
    for (const name of ['\u3164\u3164', '\u200b\u200b\u200b', '\u2800\u2800']) {
      const res = await admin.agent.post('/api/groups', {
        name,
        topic: 'challenging-class',
        guidelines: 'Be kind.',
      });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body).toMatchObject({ error: 'INVALID_PAYLOAD', field: 'name' });
    }
    const guidelines = await admin.agent.post('/api/groups', {
      name: 'Fine name',
      topic: 'challenging-class',
      guidelines: '\u2800\u2800\u2800',
    });
    expect(guidelines.status).toBe(400);

    const sent = await member.send(groupId, 'something to report');
    const note = await request(member.socket, 'report:create', {
      groupId,
      seq: sent.seq,
      reason: 'other',
      note: '\u200b\u3164\u2800',
    });
    expect(note.ok ? 'filed' : note.error.code).toBe('INVALID_PAYLOAD');
    const settings = await request(admin.socket, 'mod:settings', {
      groupId,
      blockedTerms: ['\u200b\u200b\u200b'],
      reason: 'testing terms',
    });
    expect(settings.ok ? 'saved' : settings.error.code).toBe('INVALID_PAYLOAD');
    const reason = await request(admin.socket, 'mod:settings', {
      groupId,
      locked: false,
      reason: '\u3164\u3164\u3164\u3164',
    });
    expect(reason.ok ? 'saved' : reason.error.code).toBe('INVALID_PAYLOAD');
  });
});

describe('blocked terms', () => {
  it('when a blocked term is written with accents or look-alike letters of other scripts, then it is refused', async () => {
    const group = await request(admin.socket, 'mod:settings', {
      groupId,
      blockedTerms: ['mango'],
      reason: 'testing terms',
    });
    expect(group.ok).toBe(true);
    for (const text of [
      'PÌNEAPPLE for everyone',
      'p\u0456neapple for everyone', // Cyrillic і
      'P\u0406NE\u0410PPLE', // Cyrillic І and А
      'pine\u0430ppl\u0435', // Cyrillic а and е
      'pinea\u03c1\u03c1le', // Greek ρ
      'pi\u0301neapple', // a combining accent
      'm\u0430ng\u043e', // the group's own term, Cyrillic а and о
      'MÁNGÖ',
    ]) {
      const ack = await request(member.socket, 'message:send', { groupId, clientId: randomUUID(), text });
      expect(ack.ok ? 'stored' : ack.error.code, text).toBe('BLOCKED_TERM');
    }
    const fine = await request(member.socket, 'message:send', {
      groupId,
      clientId: randomUUID(),
      text: 'a café with apples and a résumé',
    });
    expect(fine.ok).toBe(true);
  });
});
