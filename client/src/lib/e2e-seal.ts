import type { Sealed, SealMeta, SealedV2 } from '@staffroom/shared/schemas/consultations';
import type { Identity } from './e2e-crypto.js';

/**
 * Authenticated sealing (format version 2) for one-to-one conversations, with WebCrypto only.
 *
 * The conversation key is shared by both parties (ECDH), so on its own it cannot tell who sealed an item, in which
 * order, or as what. Each item therefore carries its context in the clear (`SealMeta`: conversation, kind, the
 * sender's key fingerprint, the sender's counter; messages of earlier versions also a franking commitment) and
 * binds it as AES-GCM additional data: the server can relay or withhold an item but cannot change any of these
 * without the item failing to open. Receivers then compare the context with what the server claims (who sent it, where it is shown) and with
 * what they already accepted (counters), see `conversation-room.ts`.
 */
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const enc = new TextEncoder();
const dec = new TextDecoder();
type Bytes = Uint8Array<ArrayBuffer>;

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary);
};
const fromBase64 = (text: string): Bytes => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const toBase64Url = (bytes: ArrayBuffer | Uint8Array) =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The SHA-256 fingerprint (base64url, 43 characters) of a P-256 public key given as JWK. */
export async function keyFingerprint(publicKeyJwk: string): Promise<string> {
  const { x, y } = JSON.parse(publicKeyJwk) as { x?: unknown; y?: unknown };
  if (typeof x !== 'string' || typeof y !== 'string') throw new Error('Not a P-256 public key.');
  return toBase64Url(await crypto.subtle.digest('SHA-256', enc.encode(`staffroom/fp/v1|${x}.${y}`)));
}

/** The additional data: every field of the context, in a fixed order, and the conversation. */
function additionalData(conversationId: string, meta: SealMeta): Bytes {
  return enc.encode(
    JSON.stringify([
      'staffroom/seal/v2',
      conversationId,
      meta.kind,
      meta.sender,
      meta.recipient,
      meta.counter,
      meta.commitment ?? '',
    ]),
  );
}

export async function sealItem(
  key: CryptoKey,
  conversationId: string,
  meta: SealMeta,
  plaintext: string,
): Promise<SealedV2> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(conversationId, meta) },
    key,
    enc.encode(plaintext),
  );
  return { ciphertext: toBase64(ciphertext), iv: toBase64(iv), meta };
}

/** Throws when the item or any field of its context was changed, or it was sealed under another key. */
export async function openItem(
  key: CryptoKey,
  conversationId: string,
  sealed: Sealed & { meta: SealMeta },
): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: fromBase64(sealed.iv),
      additionalData: additionalData(conversationId, sealed.meta),
    },
    key,
    fromBase64(sealed.ciphertext),
  );
  return dec.decode(plain);
}

// ---- message bodies -------------------------------------------------------------------------------------------

/**
 * A message's plaintext is `{ t: text }`. Messages sealed by earlier versions also hold a franking key (`fk`) whose
 * commitment sits in their `meta`, bound as additional data: nothing checks it any more (one-to-one reports carry
 * no text), so it is ignored here, and new messages carry neither.
 */
export interface MessageBody {
  text: string;
}

export const encodeMessageBody = (body: MessageBody): string => JSON.stringify({ t: body.text });

/** Null when the plaintext is not a message body (a sender sealing something else as a message). */
export function decodeMessageBody(plaintext: string): MessageBody | null {
  try {
    const v = JSON.parse(plaintext) as { t?: unknown };
    return typeof v.t === 'string' ? { text: v.t } : null;
  } catch {
    return null;
  }
}

// ---- pins -------------------------------------------------------------------------------------------------------

/**
 * The key my pins are sealed under: ECDH of my private key with my own public key, through HKDF. Only the holder
 * of my private key can compute it; the server, which holds only my public key and the wrapped private key it
 * cannot open, can neither read a pin nor make one that opens. (A rollback to an older pin of the same
 * conversation is possible for the server: it can only cause a false "key changed" notice, never hide one.)
 */
async function pinKey(mine: Identity): Promise<CryptoKey> {
  const own = await crypto.subtle.importKey('jwk', JSON.parse(mine.publicKey) as JsonWebKey, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: own }, mine.privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('staffroom/pins/v1'), info: enc.encode('pin') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const pinData = (conversationId: string) => enc.encode(JSON.stringify(['staffroom/pin/v1', conversationId]));

export async function sealPin(
  mine: Identity,
  conversationId: string,
  peerPublicKey: string,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: pinData(conversationId) },
    await pinKey(mine),
    enc.encode(peerPublicKey),
  );
  return { ciphertext: toBase64(ciphertext), iv: toBase64(iv) };
}

/** The pinned public key, or null when the pin does not open under my key for this conversation. */
export async function openPin(mine: Identity, conversationId: string, pin: Sealed): Promise<string | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(pin.iv), additionalData: pinData(conversationId) },
      await pinKey(mine),
      fromBase64(pin.ciphertext),
    );
    const key = dec.decode(plain);
    await keyFingerprint(key); // a well-formed key, or null
    return key;
  } catch {
    return null;
  }
}
