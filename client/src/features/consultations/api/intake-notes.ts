import { INTAKE_COPIES_PER_PUT } from '@staffroom/shared/schemas/consultations';
import type { Identity } from '../../../lib/e2e-crypto';
import { devicePinStore } from '../keys/pin-db';
import { ConversationRoom } from '../model/conversation-room';
import { openIntakeNote, sealIntakeNote } from '../model/intake-seal';
import { liveConnection } from '../../../lib/live-connection';
import { supportApi } from './support-api';

/**
 * Seals the open request's note to every consultant who may be offered it and lacks a current copy, and (when
 * `note` is given, just after asking) to the teacher themself. Without `note`, the teacher's own sealed copy is
 * opened here to seal it again: this is how a consultant who became eligible while the teacher was away gets it.
 * Returns how many consultant copies the server kept; 0 when there is nothing to do.
 */
export async function deliverIntakeNote(
  identity: Identity,
  fresh?: { requestId: string; note: string },
): Promise<number> {
  const { work } = await supportApi.noteWork();
  if (!work || (fresh && fresh.requestId !== work.requestId)) return 0;
  if (!fresh && work.recipients.length === 0) return 0;
  let note: string;
  if (fresh) note = fresh.note;
  else if (work.self) note = await openIntakeNote(identity, identity.publicKey, work.requestId, work.self);
  else return 0; // sealed under a key this account no longer has: nothing can be opened again
  const seal = (publicKey: string) => sealIntakeNote(identity, publicKey, work.requestId, note);
  const copies = await Promise.all(
    work.recipients.map(async (r) => ({
      consultantId: r.consultantId,
      publicKey: r.publicKey,
      ...(await seal(r.publicKey)),
    })),
  );
  // In batches, so each body stays under the server's HTTP body limit; the teacher's own copy goes first.
  const self = fresh || !work.self ? await seal(identity.publicKey) : undefined;
  let stored = 0;
  for (let i = 0; i === 0 || i < copies.length; i += INTAKE_COPIES_PER_PUT) {
    const batch = copies.slice(i, i + INTAKE_COPIES_PER_PUT);
    stored += (
      await supportApi.saveNotes({
        requestId: work.requestId,
        ...(i === 0 && self ? { self } : {}),
        copies: batch,
      })
    ).stored;
  }
  return stored;
}

/** Tries per conversation in this page's life: a copy that never opens is not tried on every change. */
const tries = new Map<string, number>();
const MAX_TRIES = 3;
/** How long a room opened only to pass the note on may take before it is closed (tried again later). */
const PASS_ON_WAIT_MS = 15_000;

/**
 * A coordinator assigned a consultant by hand to a request of mine with a note that consultant never got: the
 * conversation is opened here just as its page opens it (a `ConversationRoom`, so the consultant's key is the one
 * pinned for the conversation, never one the server gives against the pin), which passes the note on, then closed.
 * Returns how many conversations it opened.
 */
export async function passOnAssignedNotes(identity: Identity): Promise<number> {
  const { conversations } = await supportApi.conversations();
  let opened = 0;
  for (const c of conversations) {
    const tried = tries.get(c.id) ?? 0;
    if (c.role !== 'teacher' || !c.notePending || tried >= MAX_TRIES) continue;
    tries.set(c.id, tried + 1);
    const room = new ConversationRoom(c.id, identity, liveConnection, Date.now, devicePinStore);
    let timer: ReturnType<typeof setTimeout> | undefined;
    room.start();
    try {
      await Promise.race([
        room.notePassedOn(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, PASS_ON_WAIT_MS))),
      ]);
    } finally {
      clearTimeout(timer);
      room.stop();
    }
    opened += 1;
  }
  return opened;
}
