/**
 * The intake note, sealed in the teacher's browser so the server routes it without reading it.
 *
 * - One copy per recipient: the key is ECDH(teacher's account key, recipient's public key) through HKDF-SHA-256
 *   whose info binds the request id and the kind `intake`, so a copy opens only for that pair and that request.
 * - The teacher also seals a copy to themself (ECDH with their own public key): their browser can open it later
 *   and seal the note again to a consultant who becomes eligible while they were away.
 * - AES-GCM with a fresh 96-bit IV and the request id and kind as additional data: a copy moved to another
 *   request, or passed off as another kind of item, does not open.
 * - The plaintext is padded to a fixed size, so the ciphertext does not tell the server how long the note is.
 */
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
/** The account's key pair as `e2e-crypto`'s `Identity` holds it (no import: the tests compile this file alone). */
interface Identity {
  privateKey: CryptoKey;
  publicKey: string;
}
const VERSION = 'staffroom/intake/v1';
const KIND = 'intake';
/** A 500-character note is at most 1,500 bytes of UTF-8; every note is padded to this size. */
export const INTAKE_PADDED_BYTES = 2_048;
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

type Bytes = Uint8Array<ArrayBuffer>;
const toBase64 = (bytes: ArrayBuffer | Bytes) => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary);
};
const fromBase64 = (text: string): Bytes => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const additionalData = (requestId: string) => enc.encode(`${VERSION}|${KIND}|${requestId}`);

async function intakeKey(mine: Identity, peerPublicKey: string, requestId: string): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('jwk', JSON.parse(peerPublicKey) as JsonWebKey, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, mine.privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode(VERSION), info: enc.encode(`${KIND}|${requestId}`) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Two bytes of length, the UTF-8 text, zeros up to the fixed size. */
function pad(note: string): Bytes {
  const text = enc.encode(note);
  if (text.length > INTAKE_PADDED_BYTES - 2) throw new Error('The note is too long.');
  const out = new Uint8Array(INTAKE_PADDED_BYTES);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out.set(text, 2);
  return out;
}

function unpad(bytes: Uint8Array): string {
  const length = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  if (bytes.length !== INTAKE_PADDED_BYTES || length > bytes.length - 2) throw new Error('Malformed note.');
  return dec.decode(bytes.subarray(2, 2 + length));
}

/** Seals the note of request `requestId` from `mine` to `peerPublicKey` (a consultant's, or the teacher's own). */
export async function sealIntakeNote(
  mine: Identity,
  peerPublicKey: string,
  requestId: string,
  note: string,
): Promise<{ ciphertext: string; iv: string }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(requestId) },
    await intakeKey(mine, peerPublicKey, requestId),
    pad(note),
  );
  return { ciphertext: toBase64(ciphertext), iv: toBase64(iv) };
}

/**
 * Opens a copy sealed between `mine` and `peerPublicKey` for `requestId`. Throws when it was sealed for another
 * pair of keys, another request or another kind, or was altered.
 */
export async function openIntakeNote(
  mine: Identity,
  peerPublicKey: string,
  requestId: string,
  sealed: { ciphertext: string; iv: string },
): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: additionalData(requestId) },
    await intakeKey(mine, peerPublicKey, requestId),
    fromBase64(sealed.ciphertext),
  );
  return unpad(new Uint8Array(plain));
}
