/**
 * The wire formats of `passphrase-kdf.ts`, without its WebAssembly dependency: the schemas (and so the server)
 * import these; only the browser, the tests and the bench derive.
 */

/** Names the derivation scheme of a key bundle (Argon2id m = 19 MiB, t = 2, p = 1, then HKDF; version 1). */
export const KDF_VERSION = 'argon2id-19m-2-1/v1' as const;

/** The auth secret on the wire: 32 bytes as unpadded base64url (43 characters). */
export const AUTH_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The per-deployment salt and the server share: 32 bytes as unpadded base64url. */
export const DEPLOYMENT_SALT_PATTERN = AUTH_SECRET_PATTERN;
