import type { Sealed, SealedV2, SealKind } from '@staffroom/shared/schemas/consultations';
import type { Identity } from '../../client/src/lib/e2e-crypto.js';
import {
  decodeMessageBody,
  encodeMessageBody,
  frankingCommitment,
  keyFingerprint,
  newFrankingKey,
  openItem,
  sealItem,
} from '../../client/src/lib/e2e-seal.js';

/**
 * Seals as the browser does (format 2: authenticated context, per-sender counter, franking for messages), for
 * tests that talk to the server directly. `frankingKey` is returned for messages so a test can reveal one.
 */
export async function sealAs(
  sender: Identity,
  recipientPublicKey: string,
  key: CryptoKey,
  conversationId: string,
  kind: SealKind,
  counter: number,
  text: string,
): Promise<SealedV2 & { frankingKey?: string }> {
  const fp = await keyFingerprint(sender.publicKey);
  const recipient = await keyFingerprint(recipientPublicKey);
  if (kind !== 'message')
    return sealItem(key, conversationId, { v: 2, kind, sender: fp, recipient, counter }, text);
  const frankingKey = newFrankingKey();
  const commitment = await frankingCommitment(frankingKey, conversationId, fp, counter, text);
  const sealed = await sealItem(
    key,
    conversationId,
    { v: 2, kind, sender: fp, recipient, counter, commitment },
    encodeMessageBody({ text, frankingKey }),
  );
  return { ...sealed, frankingKey };
}

/** Opens a format-2 item; a message gives its text (without the franking key). Throws when it does not open. */
export async function openAs(key: CryptoKey, conversationId: string, sealed: Sealed): Promise<string> {
  if (!sealed.meta) throw new Error('Not sealed with its context.');
  const plain = await openItem(key, conversationId, { ...sealed, meta: sealed.meta });
  if (sealed.meta.kind !== 'message') return plain;
  const body = decodeMessageBody(plain);
  if (!body) throw new Error('Not a message body.');
  return body.text;
}

/** Only what the server accepts: drops the franking key a test keeps for itself. */
export const wire = ({ frankingKey: _fk, ...sealed }: SealedV2 & { frankingKey?: string }): SealedV2 =>
  sealed;
