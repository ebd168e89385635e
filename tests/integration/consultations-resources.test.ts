import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { entriesMatching } from '@staffroom/shared/privacy/registry';
import type { IntakeBody, SealedResource } from '@staffroom/shared/schemas/consultations';
import { conversationKey } from '../../client/src/lib/e2e-crypto.js';
import { openIntakeNote, sealIntakeNote } from '../../client/src/features/consultations/model/intake-seal.js';
import {
  openDocument,
  parseResource,
  sealDocument,
  serializeResource,
  type ResourceContent,
} from '../../client/src/features/consultations/model/resources.js';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import type { TestMember } from '../support/member.js';
import { openAs, sealAs } from '../support/sealing.js';
import { startProgramme, withKeys, type Programme } from '../support/programme.js';
import { storedEntries } from '../support/redis.js';

let programme: Programme;
const MEDIA = { 'content-type': 'application/vnd.staffroom.resource+json' };

const intake: IntakeBody = {
  grades: ['7'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['resources'],
  preferredTimes: ['wed-pm'],
  hasNote: true,
};

const canary = (what: string) => `canary-${what}-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  programme = await startProgramme();
});

afterAll(async () => {
  await programme?.stop();
});

describe('the conversation room: resources, the pinned intake note, notes after a session', () => {
  it('holds only ciphertext for shared links and documents, the intake note and a note added after the session; sizes and participants enforced', async () => {
    const c = await programme.consultant({
      displayName: 'Maths Seven Mentor',
      grades: ['7'],
      subjects: ['mathematics'],
      areas: ['classroom-management'],
      capacity: 2,
      availability: ['wed-pm'],
    });
    const t = await programme.person('member');
    const other = await programme.person('member');
    const [cKeys, tKeys] = [await withKeys(c), await withKeys(t)];

    // The teacher's note, sealed to the consultant who fits (and to themself), as the browser does.
    const noteText = `${canary('intake')} year sevens after lunch`;
    const asked = await t.agent.post('/api/support-request', intake);
    expect(asked.status).toBe(201);
    const requestId = asked.body.request.id as string;
    const work = (await t.agent.get('/api/support-request/notes')).body.work;
    const recipient = work.recipients.find((r: { publicKey: string }) => r.publicKey === cKeys.publicKey);
    const put = await t.agent.request('PUT', '/api/support-request/notes', {
      requestId,
      self: await sealIntakeNote(tKeys, tKeys.publicKey, requestId, noteText),
      copies: [
        {
          consultantId: recipient.consultantId,
          publicKey: cKeys.publicKey,
          ...(await sealIntakeNote(tKeys, cKeys.publicKey, requestId, noteText)),
        },
      ],
    });
    expect(put.status).toBe(200);
    const { conversationId } = (await c.agent.post(`/api/consultant/offers/${requestId}/accept`)).body;
    expect(typeof conversationId).toBe('string');

    // The note travels with the conversation: pinned for both, sealed between the two keys.
    const openC = await c.transport.request('convo:open', { conversationId });
    const openT = await t.transport.request('convo:open', { conversationId });
    if (!openC.ok || !openT.ok) throw new Error('the conversation did not open');
    const pinnedNote = openT.data.view.intakeNote;
    expect(pinnedNote?.requestId).toBe(requestId);
    expect(openC.data.view.intakeNote).toEqual(pinnedNote);
    expect(openT.data.view.intake?.grades).toEqual(['7']);
    const peerOfC = openC.data.view.peer.publicKey!;
    const peerOfT = openT.data.view.peer.publicKey!;
    expect(await openIntakeNote(tKeys, peerOfT, requestId, pinnedNote!)).toBe(noteText);
    expect(await openIntakeNote(cKeys, peerOfC, requestId, pinnedNote!)).toBe(noteText);
    const keyC = await conversationKey(cKeys, peerOfC, conversationId);
    const keyT = await conversationKey(tKeys, peerOfT, conversationId);
    /** Posts a resource body (a sealed header, and a sealed document if any) as `m`'s browser does. */
    const share = (m: TestMember, body: { header: unknown; document?: string }) =>
      m.agent.post(`/api/conversations/${conversationId}/resources`, body, MEDIA);
    /** A resource's header as the consultant's browser seals it, with its sequence number. */
    const sealedByC = (seq: number, resource: ResourceContent) =>
      sealAs(cKeys, peerOfC, keyC, conversationId, 'resource', seq, serializeResource(resource));

    // The teacher shares a link; the consultant a short document.
    const link = {
      type: 'link' as const,
      title: canary('linktitle'),
      url: `https://example.org/${canary('url')}`,
    };
    const shareLink = await share(t, {
      header: await sealAs(tKeys, peerOfT, keyT, conversationId, 'resource', 1, serializeResource(link)),
    });
    expect(shareLink.status).toBe(201);
    expect(shareLink.body.resource.documentSize).toBe(0);

    const docText = `# Transitions\n\n${canary('doctext')}\n`;
    const docBytes = new TextEncoder().encode(docText);
    const fileName = `${canary('filename')}.md`;
    const sealedDoc = await sealDocument(docBytes);
    const docHeader = {
      type: 'document' as const,
      title: canary('doctitle'),
      name: fileName,
      mime: 'text/markdown' as const,
      bytes: docBytes.length,
      key: sealedDoc.key,
      iv: sealedDoc.iv,
    };
    const shareDoc = await share(c, {
      header: await sealedByC(1, docHeader),
      document: sealedDoc.ciphertext,
    });
    expect(shareDoc.status).toBe(201);
    const docId = shareDoc.body.resource.id as string;
    // Padded to a multiple of 4 KiB: the size says little about the document.
    expect(shareDoc.body.resource.documentSize).toBe(sealedDoc.ciphertext.length);
    expect(sealedDoc.ciphertext.length).toBe(Math.ceil((4096 + 16) / 3) * 4);

    // Both see both in their view; the teacher opens the consultant's document in the browser.
    const viewT = await t.transport.request('convo:open', { conversationId });
    if (!viewT.ok) throw new Error('no view');
    const resources: SealedResource[] = viewT.data.view.resources;
    expect(resources.map((r) => r.from)).toEqual(['teacher', 'consultant']);
    const header = parseResource(await openAs(keyT, conversationId, resources[1]!));
    expect(header?.type === 'document' && header.name).toBe(fileName);
    expect(parseResource(await openAs(keyC, conversationId, resources[0]!))).toEqual(link);
    const fetched = await fetch(
      `${programme.node.url}/api/conversations/${conversationId}/resources/${docId}`,
      {
        headers: { cookie: t.agent.cookie() },
      },
    );
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toMatch(/^application\/octet-stream/);
    if (header?.type !== 'document') throw new Error('not a document');
    const opened = await openDocument(await fetched.arrayBuffer(), header.key, header.iv);
    expect(new TextDecoder().decode(opened)).toBe(docText);

    // Limits: an oversized sealed document is refused with a typed code, on this route's own parser too.
    const over = 'A'.repeat(RESOURCE_LIMITS.sealedDocumentChars + 4);
    const tooBig = await share(c, { header: await sealedByC(2, docHeader), document: over });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(tooBig.body.field).toBe('document');
    const wayOver = await share(c, { header: {}, document: 'A'.repeat(RESOURCE_LIMITS.shareBodyBytes + 10) });
    expect(wayOver.status).toBe(413);
    expect(wayOver.body.error).toBe('PAYLOAD_TOO_LARGE');
    // Sent as plain JSON, the API's 16 kB limit applies.
    const plainJson = await c.agent.post(`/api/conversations/${conversationId}/resources`, {
      header: {},
      document: 'A'.repeat(20_000),
    });
    expect(plainJson.body.error).toBe('PAYLOAD_TOO_LARGE');
    // Another kind of sealed item is refused; so is anyone outside the conversation (NOT_FOUND).
    const wrongKind = await share(c, {
      header: await sealAs(cKeys, peerOfC, keyC, conversationId, 'message', 3, 'hello'),
    });
    expect(wrongKind.body.error).toBe('INVALID_PAYLOAD');
    const outsider = await share(other, { header: await sealedByC(4, link) });
    expect(outsider.status).toBe(404);
    const outsiderGet = await fetch(
      `${programme.node.url}/api/conversations/${conversationId}/resources/${docId}`,
      {
        headers: { cookie: other.agent.cookie() },
      },
    );
    expect(outsiderGet.status).toBe(404);
    const notMine = await t.transport.request('convo:resource-remove', { conversationId, resourceId: docId });
    expect(!notMine.ok && notMine.error.code).toBe('FORBIDDEN');

    // A co-planning session, agreed, then held: the consultant adds the note afterwards.
    const planned = await t.transport.request('convo:checkin', {
      conversationId,
      type: 'co-planning',
      startsAt: Date.now() + 3_600_000,
      durationMinutes: 30,
    });
    if (!planned.ok) throw new Error('not planned');
    expect(
      (
        await c.transport.request('convo:checkin-answer', {
          conversationId,
          checkInId: planned.data.id,
          action: 'accept',
        })
      ).ok,
    ).toBe(true);
    const raw = programme.redis.client();
    const checkInsKey = consultationKeys(programme.redis.prefix).checkIns(conversationId);
    const stored = JSON.parse((await raw.hget(checkInsKey, planned.data.id)) ?? '{}') as { startsAt: number };
    await raw.hset(
      checkInsKey,
      planned.data.id,
      JSON.stringify({ ...stored, startsAt: Date.now() - 7_200_000 }),
    );
    await raw.quit();
    const sessionNote = `Unit or lesson:\n${canary('sessionnote')}\n\nWhat we planned:\nfractions\n\nNext step:\nboth\n`;
    const added = await c.transport.request('convo:checkin-note', {
      conversationId,
      checkInId: planned.data.id,
      note: await sealAs(cKeys, peerOfC, keyC, conversationId, 'checkin', 5, sessionNote),
    });
    expect(added.ok && added.data.noteBy).toBe('consultant');
    // The teacher proposed it but the note is the consultant's now: the teacher cannot overwrite it.
    const teacherWrites = await t.transport.request('convo:checkin-note', {
      conversationId,
      checkInId: planned.data.id,
      note: await sealAs(tKeys, peerOfT, keyT, conversationId, 'checkin', 6, 'mine'),
    });
    expect(!teacherWrites.ok && teacherWrites.error.code).toBe('FORBIDDEN');
    const afterT = await t.transport.request('convo:open', { conversationId });
    if (!afterT.ok) throw new Error('no view');
    const held = afterT.data.view.checkIns.find((x) => x.id === planned.data.id);
    expect(held?.noteBy).toBe('consultant');
    expect(await openAs(keyT, conversationId, held!.note!)).toBe(sessionNote);
    const outsiderNote = await other.transport.request('convo:checkin-note', {
      conversationId,
      checkInId: planned.data.id,
      note: await sealAs(cKeys, peerOfC, keyC, conversationId, 'checkin', 7, 'x'),
    });
    expect(!outsiderNote.ok && outsiderNote.error.code).toBe('NOT_FOUND');

    // Every key and value in Redis: none of the titles, addresses, file names, texts or notes in the clear,
    // and every key is one the registry declares.
    const entries = await storedEntries(programme.redis);
    const keys = entries.map((e) => e.key);
    const text = entries.map((e) => `${e.key}\n${e.text}`).join('\n');
    for (const secret of [
      noteText,
      noteText.split(' ')[0]!,
      link.title,
      link.url,
      'example.org',
      docHeader.title,
      fileName,
      docText,
      'Transitions',
      sessionNote.split('\n')[1]!,
      'Unit or lesson',
      sealedDoc.key,
    ]) {
      expect(text.includes(secret), secret).toBe(false);
    }
    for (const key of keys) expect(entriesMatching(key, programme.redis.prefix), key).toHaveLength(1);
    const k = consultationKeys(programme.redis.prefix);
    for (const key of [
      k.resources(conversationId),
      k.documents(conversationId),
      k.intakeNote(conversationId),
    ])
      expect(keys).toContain(key);
    // No copy of the note is left with the request: only the one pinned in the conversation.
    expect(keys).not.toContain(k.intakeNotes(requestId));

    // The sharer removes their own resource: its description and document are gone.
    expect(
      (await c.transport.request('convo:resource-remove', { conversationId, resourceId: docId })).ok,
    ).toBe(true);
    const check = programme.redis.client();
    expect(await check.hexists(k.documents(conversationId), docId)).toBe(0);
    expect(await check.hexists(k.resources(conversationId), docId)).toBe(0);
    await check.quit();
  });
});
