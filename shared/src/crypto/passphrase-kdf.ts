import { argon2id, createHMAC, createSHA256, sha256 } from 'hash-wasm';
import { normalisePseudonym, pseudonymSkeleton } from '../rules/pseudonym.js';

/**
 * What the passphrase becomes before anything leaves the browser. The same code runs in the browser (log-in,
 * sign-up, unlock, change passphrase) and in Node (tests, bench provisioning), so both derive identical secrets.
 *
 *   salt          = SHA-256("staffroom/kdf-salt/v1" ‖ 0 ‖ deployment salt ‖ 0 ‖ skeleton(pseudonym))
 *   master        = Argon2id(NFC(passphrase), salt, m = 19 MiB, t = 2, p = 1) → 32 bytes
 *   authSecret    = HKDF-SHA-256(master, info "staffroom/auth/v1")  → sent at log-in instead of the passphrase
 *   wrapSecret    = HKDF-SHA-256(master, info "staffroom/wrap/v1")  → never leaves the browser
 *   wrapping key  = HKDF-SHA-256(wrapSecret, salt = server share, info "staffroom/wrap-key/v1")
 *
 * - The salt is computable by anybody from public values, and is the same whether or not the pseudonym exists,
 *   so asking for it (or timing it) cannot tell which pseudonyms are taken (as password managers salt with the
 *   e-mail). The deployment salt keeps one deployment's precomputed tables useless for another. It uses the
 *   pseudonym's skeleton, the form the server looks accounts up by, so "Anna" and "anna" give the same secrets.
 * - The auth secret and the wrapping secret are independent HKDF outputs: whoever sees a log-in body (the auth
 *   secret) learns nothing that unwraps the private key; only a new Argon2 guess of the passphrase would.
 * - The server share is HMAC(pepper, account id), computed by the server and given only to a logged-in session.
 *   Without it the wrapped key in a Redis dump is not an offline passphrase oracle; with only it (the server),
 *   the missing wrap secret keeps the key closed.
 * - Parameters: OWASP's Password Storage Cheat Sheet (2025) recommends Argon2id with at least m = 19 MiB, t = 2,
 *   p = 1; we use exactly that floor because every phone derives it at each log-in (see docs/SECURITY.md for the
 *   measured time) and because guessing also needs the pepper: a Redis dump alone gives no oracle. Changing them
 *   changes every secret: bump `KDF_VERSION` and re-derive at log-in (there is no such migration yet).
 */
export { AUTH_SECRET_PATTERN, DEPLOYMENT_SALT_PATTERN, KDF_VERSION } from './kdf-format.js';
export const ARGON2_PARAMS = { memoryKiB: 19_456, iterations: 2, parallelism: 1 } as const;

/** UTF-8 bytes of a string (shared compiles without DOM or Node types, so no TextEncoder here). */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
const enc = { encode: utf8 };

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url (no Buffer or btoa: shared runs in both). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = B64URL.indexOf(ch);
    if (v < 0) throw new Error('not base64url');
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const mac = await createHMAC(createSHA256(), key);
  mac.init();
  mac.update(data);
  return mac.digest('binary');
}

/** HKDF-SHA-256 (RFC 5869) for outputs up to 255 × 32 bytes. */
export async function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: string,
  length = 32,
): Promise<Uint8Array> {
  const prk = await hmacSha256(salt.length > 0 ? salt : new Uint8Array(32), ikm);
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  const infoBytes = enc.encode(info);
  for (let block = 1, at = 0; at < length; block++) {
    previous = await hmacSha256(prk, concat(previous, infoBytes, Uint8Array.of(block)));
    out.set(previous.subarray(0, Math.min(32, length - at)), at);
    at += 32;
  }
  return out;
}

/** The Argon2 salt for this pseudonym on this deployment. */
export async function passphraseSalt(pseudonym: string, deploymentSalt: string): Promise<Uint8Array> {
  const skeleton = pseudonymSkeleton(normalisePseudonym(pseudonym));
  const input = concat(
    enc.encode('staffroom/kdf-salt/v1'),
    Uint8Array.of(0),
    enc.encode(deploymentSalt),
    Uint8Array.of(0),
    enc.encode(skeleton),
  );
  return sha256(input).then(hexToBytes);
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export interface PassphraseSecrets {
  /** Sent to the server at sign-up, log-in and passphrase change; base64url, 43 characters. */
  authSecret: string;
  /** Kept in the browser; combined with the server share into the key that wraps the private key. */
  wrapSecret: Uint8Array;
}

/** The slow part: Argon2id of the passphrase, then the two independent secrets. */
export async function derivePassphraseSecrets(
  pseudonym: string,
  passphrase: string,
  deploymentSalt: string,
): Promise<PassphraseSecrets> {
  const master = await argon2id({
    password: enc.encode(passphrase.normalize('NFC')),
    salt: await passphraseSalt(pseudonym, deploymentSalt),
    memorySize: ARGON2_PARAMS.memoryKiB,
    iterations: ARGON2_PARAMS.iterations,
    parallelism: ARGON2_PARAMS.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  const none = new Uint8Array(0);
  const [auth, wrapSecret] = await Promise.all([
    hkdfSha256(master, none, 'staffroom/auth/v1'),
    hkdfSha256(master, none, 'staffroom/wrap/v1'),
  ]);
  master.fill(0);
  return { authSecret: toBase64Url(auth), wrapSecret };
}

/** The 32 bytes of the AES-256-GCM key that wraps the private key. */
export function wrappingKeyBytes(wrapSecret: Uint8Array, serverShare: string): Promise<Uint8Array> {
  return hkdfSha256(wrapSecret, fromBase64Url(serverShare), 'staffroom/wrap-key/v1');
}
