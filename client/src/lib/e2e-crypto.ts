import { KDF_VERSION } from '@staffroom/shared/crypto/kdf-format';
import type { KeyBundle, Sealed } from '@staffroom/shared/schemas/consultations';

/**
 * End-to-end encryption for one-to-one conversations, with WebCrypto only (browsers, and Node 20 in tests).
 *
 * - Each account has an ECDH P-256 key pair made here. The server keeps the public key and the private key
 *   wrapped with AES-256-GCM under the wrapping key (`lib/passphrase-secrets.ts`: Argon2id of the passphrase,
 *   HKDF, and the server's share). The wrapping key never leaves the browser, and nothing the browser sends
 *   (the auth secret at log-in) derives it: the wrapped key is useless to the server and to a Redis dump,
 *   restorable on a new browser by whoever knows the passphrase.
 * - A conversation's key is ECDH(mine, theirs) through HKDF-SHA-256 bound to the conversation id.
 * - Every message, goal and note is AES-GCM with a fresh 96-bit IV.
 */
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const enc = new TextEncoder();
const dec = new TextDecoder();

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary);
};
type Bytes = Uint8Array<ArrayBuffer>;
const fromBase64 = (text: string): Bytes => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const random = (n: number): Bytes => crypto.getRandomValues(new Uint8Array(n));

/** The wrap binds the public key as AES-GCM additional data: a private key cannot be paired with another one. */
const wrapData = (publicKey: string) => enc.encode(`staffroom/identity/v1\0${publicKey}`);

export interface Identity {
  privateKey: CryptoKey;
  publicKey: string;
}

async function wrap(pkcs8: ArrayBuffer, publicKey: string, wrappingKey: CryptoKey): Promise<KeyBundle> {
  const wrapIv = random(12);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: wrapIv, additionalData: wrapData(publicKey) },
    wrappingKey,
    pkcs8,
  );
  return { publicKey, wrappedPrivateKey: toBase64(wrapped), wrapIv: toBase64(wrapIv), kdf: KDF_VERSION };
}

/** Throws when the wrapping key is not the one the bundle was wrapped with (another passphrase). */
function unwrap(bundle: KeyBundle, wrappingKey: CryptoKey): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(bundle.wrapIv), additionalData: wrapData(bundle.publicKey) },
    wrappingKey,
    fromBase64(bundle.wrappedPrivateKey),
  );
}

/** Makes a key pair and the bundle the server stores. */
export async function createIdentity(
  wrappingKey: CryptoKey,
): Promise<{ identity: Identity; bundle: KeyBundle }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const publicKey = JSON.stringify(await crypto.subtle.exportKey('jwk', pair.publicKey));
  const bundle = await wrap(pkcs8, publicKey, wrappingKey);
  // Keep only a non-extractable copy in memory.
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  return { identity: { privateKey, publicKey }, bundle };
}

/** Restores the private key from the server's bundle; throws when the wrapping key is not the right one. */
export async function unlockIdentity(bundle: KeyBundle, wrappingKey: CryptoKey): Promise<Identity> {
  const pkcs8 = await unwrap(bundle, wrappingKey);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  return { privateKey, publicKey: bundle.publicKey };
}

/** Re-wraps the same private key under a new wrapping key (a passphrase change: history stays readable). */
export async function rewrapIdentity(
  bundle: KeyBundle,
  oldKey: CryptoKey,
  newKey: CryptoKey,
): Promise<KeyBundle> {
  return wrap(await unwrap(bundle, oldKey), bundle.publicKey, newKey);
}

/** The conversation key: ECDH between the two parties, through HKDF bound to the conversation id. */
export async function conversationKey(
  mine: Identity,
  peerPublicKey: string,
  conversationId: string,
): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('jwk', JSON.parse(peerPublicKey) as JsonWebKey, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, mine.privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: enc.encode('staffroom/conversation/v1'),
      info: enc.encode(conversationId),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, plaintext: string): Promise<Sealed> {
  const iv = random(12);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, enc.encode(plaintext));
  return { ciphertext: toBase64(ciphertext), iv: toBase64(iv) };
}

/** Throws when the ciphertext was not made with this key (e.g. after a key reset). */
export async function unseal(key: CryptoKey, sealed: Sealed): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
    key,
    fromBase64(sealed.ciphertext),
  );
  return dec.decode(plain);
}

/**
 * A short code both people can compare (in person or by phone) to know nobody sits in between: 30 digits in six
 * groups, from both public keys (in a fixed order) and the conversation id. Equal on both sides, or something
 * is wrong.
 */
export async function safetyCode(
  conversationId: string,
  publicKeyA: string,
  publicKeyB: string,
): Promise<string> {
  const canonical = (jwk: string) => {
    const { x, y } = JSON.parse(jwk) as { x: string; y: string };
    return `${x}.${y}`;
  };
  const [first, second] = [canonical(publicKeyA), canonical(publicKeyB)].sort();
  const digest = new DataView(
    await crypto.subtle.digest('SHA-256', enc.encode(`${conversationId}|${first}|${second}`)),
  );
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) groups.push(String(digest.getUint32(i * 5) % 100_000).padStart(5, '0'));
  return groups.join(' ');
}
