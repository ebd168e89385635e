import type { Sealed, SealedV2, SealKind } from '@staffroom/shared/schemas/consultations';
import type { Identity } from '../../client/src/lib/e2e-crypto.js';
import {
  decodeMessageBody,
  encodeMessageBody,
  keyFingerprint,
  openItem,
  sealItem,
} from '../../client/src/lib/e2e-seal.js';

/**
 * Seals as the browser does (format 2: authenticated context, per-sender counter; a message's text as a message
 * body), for tests that talk to the server directly.
 */
export async function sealAs(
  sender: Identity,
  recipientPublicKey: string,
  key: CryptoKey,
  conversationId: string,
  kind: SealKind,
  counter: number,
  text: string,
): Promise<SealedV2> {
  const fp = await keyFingerprint(sender.publicKey);
  const recipient = await keyFingerprint(recipientPublicKey);
  const plaintext = kind === 'message' ? encodeMessageBody({ text }) : text;
  return sealItem(key, conversationId, { v: 2, kind, sender: fp, recipient, counter }, plaintext);
}

/** Opens a format-2 item; a message gives its text. Throws when it does not open. */
export async function openAs(key: CryptoKey, conversationId: string, sealed: Sealed): Promise<string> {
  if (!sealed.meta) throw new Error('Not sealed with its context.');
  const plain = await openItem(key, conversationId, { ...sealed, meta: sealed.meta });
  if (sealed.meta.kind !== 'message') return plain;
  const body = decodeMessageBody(plain);
  if (!body) throw new Error('Not a message body.');
  return body.text;
}
