import { hkdfSync, randomBytes } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import {
  AUTH_SECRET_PATTERN,
  derivePassphraseSecrets,
  fromBase64Url,
  hkdfSha256,
  passphraseSalt,
  toBase64Url,
  wrappingKeyBytes,
} from './passphrase-kdf.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const DEPLOYMENT = 'c3RhZmZyb29tLXRlc3QtZGVwbG95bWVudC1zYWx0LTE';
const OTHER_DEPLOYMENT = 'b3RoZXItZGVwbG95bWVudC1zYWx0LTAwMDAwMDAwMDA';
const PASSPHRASE = 'walking by the quiet river at dawn';

describe('base64url', () => {
  it('round-trips every length and matches Node', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(hex(fromBase64Url(toBase64Url(bytes)))).toBe(hex(bytes));
    }
  });
});

describe('hkdfSha256', () => {
  it('gives RFC 5869 test case 1 (OKM checked against the RFC, info as the same bytes)', async () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = Uint8Array.from({ length: 13 }, (_, i) => i);
    const rfc = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
    const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
    expect(Buffer.from(hkdfSync('sha256', ikm, salt, info, 42)).toString('hex')).toBe(rfc);
    const ours = await hkdfSha256(ikm, salt, 'staffroom/test', 42);
    expect(hex(ours)).toBe(Buffer.from(hkdfSync('sha256', ikm, salt, 'staffroom/test', 42)).toString('hex'));
  });

  it('matches Node for an empty salt and several lengths', async () => {
    const ikm = new Uint8Array(randomBytes(32));
    for (const length of [16, 32, 33, 64, 100]) {
      const ours = await hkdfSha256(ikm, new Uint8Array(0), 'staffroom/auth/v1', length);
      expect(hex(ours)).toBe(
        Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'staffroom/auth/v1', length)).toString('hex'),
      );
    }
  });
});

describe('passphraseSalt', () => {
  it('is the same for spellings of one pseudonym, and differs per pseudonym and per deployment', async () => {
    const a = hex(await passphraseSalt('Calm_Otter', DEPLOYMENT));
    expect(hex(await passphraseSalt('  calmotter ', DEPLOYMENT))).toBe(a);
    expect(hex(await passphraseSalt('CalmOtter2', DEPLOYMENT))).not.toBe(a);
    expect(hex(await passphraseSalt('Calm_Otter', OTHER_DEPLOYMENT))).not.toBe(a);
    expect(a).toHaveLength(64);
  });
});

describe('derivePassphraseSecrets', () => {
  it('is deterministic, and the auth secret and wrap secret are unrelated', async () => {
    const one = await derivePassphraseSecrets('CalmOtter', PASSPHRASE, DEPLOYMENT);
    const two = await derivePassphraseSecrets('calmotter', PASSPHRASE, DEPLOYMENT);
    expect(one.authSecret).toBe(two.authSecret);
    expect(hex(one.wrapSecret)).toBe(hex(two.wrapSecret));
    expect(one.authSecret).toMatch(AUTH_SECRET_PATTERN);
    expect(hex(one.wrapSecret)).not.toBe(hex(fromBase64Url(one.authSecret)));
    expect(one.authSecret).not.toContain(PASSPHRASE);
  });

  it('differs per pseudonym, per deployment and per passphrase', async () => {
    const base = await derivePassphraseSecrets('CalmOtter', PASSPHRASE, DEPLOYMENT);
    const others = await Promise.all([
      derivePassphraseSecrets('CalmOtter2', PASSPHRASE, DEPLOYMENT),
      derivePassphraseSecrets('CalmOtter', PASSPHRASE, OTHER_DEPLOYMENT),
      derivePassphraseSecrets('CalmOtter', PASSPHRASE + '.', DEPLOYMENT),
    ]);
    for (const o of others) {
      expect(o.authSecret).not.toBe(base.authSecret);
      expect(hex(o.wrapSecret)).not.toBe(hex(base.wrapSecret));
    }
  });

  it('treats NFC and NFD spellings of the passphrase alike', async () => {
    const nfc = await derivePassphraseSecrets('CalmOtter', 'café au bord de la rivière', DEPLOYMENT);
    const nfd = await derivePassphraseSecrets(
      'CalmOtter',
      'café au bord de la rivière'.normalize('NFD'),
      DEPLOYMENT,
    );
    expect(nfd.authSecret).toBe(nfc.authSecret);
  });

  it('is Argon2id with the documented parameters, then HKDF (recomputed independently)', async () => {
    const master = await argon2id({
      password: PASSPHRASE,
      salt: await passphraseSalt('CalmOtter', DEPLOYMENT),
      memorySize: 19_456,
      iterations: 2,
      parallelism: 1,
      hashLength: 32,
      outputType: 'binary',
    });
    const s = await derivePassphraseSecrets('CalmOtter', PASSPHRASE, DEPLOYMENT);
    const auth = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'staffroom/auth/v1', 32));
    expect(s.authSecret).toBe(auth.toString('base64url'));
    const wrap = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'staffroom/wrap/v1', 32));
    expect(hex(s.wrapSecret)).toBe(wrap.toString('hex'));
  });

  it('pins its output (a change of parameters or labels changes every account secret)', async () => {
    const s = await derivePassphraseSecrets('CalmOtter', PASSPHRASE, DEPLOYMENT);
    const wrap = await wrappingKeyBytes(s.wrapSecret, OTHER_DEPLOYMENT);
    expect({ auth: s.authSecret, wrap: hex(s.wrapSecret), key: hex(wrap) }).toMatchInlineSnapshot(`
      {
        "auth": "j6xL39qPmbIEEAvlKhejLRcU7U2lrnHg5zpeofu7M_w",
        "key": "9b3181a724b6596effc83d433eee8591ad699c5de059c56c39e4db71f1733630",
        "wrap": "6ca62b53274c74b53a52eb7aac0c608c3e06124eb7804127c1f2cca25ab5d1b5",
      }
    `);
  });
});

describe('wrappingKeyBytes', () => {
  it('depends on both the wrap secret and the server share', async () => {
    const s = await derivePassphraseSecrets('CalmOtter', PASSPHRASE, DEPLOYMENT);
    const a = hex(await wrappingKeyBytes(s.wrapSecret, DEPLOYMENT));
    expect(hex(await wrappingKeyBytes(s.wrapSecret, OTHER_DEPLOYMENT))).not.toBe(a);
    expect(hex(await wrappingKeyBytes(fromBase64Url(s.authSecret), DEPLOYMENT))).not.toBe(a);
    expect(a).toHaveLength(64);
  });
});
