import type { KeyBundle, Sealed } from '@staffroom/shared/schemas/consultations';

/**
 * End-to-end encryption for one-to-one conversations, with WebCrypto only (browsers, and Node 20 in tests).
 *
 * - Each account has an ECDH P-256 key pair made here. The server keeps the public key and the private key
 *   wrapped with AES-GCM under a key derived from the passphrase (PBKDF2-SHA-256, 600,000 iterations, its own
 *   salt): useless to the server, restorable on a new browser by whoever knows the passphrase.
 * - A conversation's key is ECDH(mine, theirs) through HKDF-SHA-256 bound to the conversation id.
 * - Every message, goal and note is AES-GCM with a fresh 96-bit IV.
 */
export const PBKDF2_ITERATIONS = 600_000;
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

async function passphraseKey(passphrase: string, salt: Bytes, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    enc.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface Identity {
  privateKey: CryptoKey;
  publicKey: string;
}

/** Makes a key pair and the bundle the server stores. */
export async function createIdentity(passphrase: string): Promise<{ identity: Identity; bundle: KeyBundle }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const publicKey = JSON.stringify(await crypto.subtle.exportKey('jwk', pair.publicKey));
  const salt = random(16);
  const wrapIv = random(12);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: wrapIv },
    await passphraseKey(passphrase, salt, PBKDF2_ITERATIONS),
    pkcs8,
  );
  // Keep only a non-extractable copy in memory.
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  return {
    identity: { privateKey, publicKey },
    bundle: {
      publicKey,
      wrappedPrivateKey: toBase64(wrapped),
      wrapIv: toBase64(wrapIv),
      salt: toBase64(salt),
      iterations: PBKDF2_ITERATIONS,
    },
  };
}

/** Restores the private key from the server's bundle; throws when the passphrase is not the one it was wrapped with. */
export async function unlockIdentity(bundle: KeyBundle, passphrase: string): Promise<Identity> {
  const key = await passphraseKey(passphrase, fromBase64(bundle.salt), bundle.iterations);
  const pkcs8 = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(bundle.wrapIv) },
    key,
    fromBase64(bundle.wrappedPrivateKey),
  );
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  return { privateKey, publicKey: bundle.publicKey };
}

/** Re-wraps the same private key under a new passphrase (history stays readable). */
export async function rewrapIdentity(
  bundle: KeyBundle,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<KeyBundle> {
  const key = await passphraseKey(oldPassphrase, fromBase64(bundle.salt), bundle.iterations);
  const pkcs8 = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(bundle.wrapIv) },
    key,
    fromBase64(bundle.wrappedPrivateKey),
  );
  const salt = random(16);
  const wrapIv = random(12);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: wrapIv },
    await passphraseKey(newPassphrase, salt, PBKDF2_ITERATIONS),
    pkcs8,
  );
  return {
    ...bundle,
    wrappedPrivateKey: toBase64(wrapped),
    wrapIv: toBase64(wrapIv),
    salt: toBase64(salt),
    iterations: PBKDF2_ITERATIONS,
  };
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
