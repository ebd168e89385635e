import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../lib/e2e-crypto';
import { openIntakeNote, sealIntakeNote } from './intake-seal';

async function identity(): Promise<Identity> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  return {
    privateKey: pair.privateKey,
    publicKey: JSON.stringify(await crypto.subtle.exportKey('jwk', pair.publicKey)),
  };
}

describe('intake note sealing', () => {
  it('when sealed to a consultant, then only that consultant opens it, for that request, unaltered', async () => {
    const [teacher, consultant, other] = [await identity(), await identity(), await identity()];
    const note = 'Thirty seven-year-olds and no aide — “help” ✨';
    const sealed = await sealIntakeNote(teacher, consultant.publicKey, 'req-1', note);
    expect(await openIntakeNote(consultant, teacher.publicKey, 'req-1', sealed)).toBe(note);
    // The teacher's own copy opens with their own key pair, and only for them.
    const own = await sealIntakeNote(teacher, teacher.publicKey, 'req-1', note);
    expect(await openIntakeNote(teacher, teacher.publicKey, 'req-1', own)).toBe(note);
    await expect(openIntakeNote(consultant, teacher.publicKey, 'req-1', own)).rejects.toBeTruthy();
    // Another consultant, another request, a flipped bit: refused.
    await expect(openIntakeNote(other, teacher.publicKey, 'req-1', sealed)).rejects.toBeTruthy();
    await expect(openIntakeNote(consultant, teacher.publicKey, 'req-2', sealed)).rejects.toBeTruthy();
    const bytes = Uint8Array.from(atob(sealed.ciphertext), (c) => c.charCodeAt(0));
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const flipped = { ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) };
    await expect(openIntakeNote(consultant, teacher.publicKey, 'req-1', flipped)).rejects.toBeTruthy();
  });

  it('when notes differ in length, then their ciphertexts do not', async () => {
    const [teacher, consultant] = [await identity(), await identity()];
    const short = await sealIntakeNote(teacher, consultant.publicKey, 'r', 'Hi');
    const long = await sealIntakeNote(teacher, consultant.publicKey, 'r', 'é'.repeat(500));
    expect(short.ciphertext.length).toBe(long.ciphertext.length);
    expect(await openIntakeNote(consultant, teacher.publicKey, 'r', short)).toBe('Hi');
    expect(await openIntakeNote(consultant, teacher.publicKey, 'r', long)).toBe('é'.repeat(500));
  });
});
