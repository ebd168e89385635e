/**
 * The wire protocol version. The client sends it in the socket handshake (`auth.v`); the server refuses a
 * different version with `PROTOCOL_MISMATCH` so an old tab can tell the user to reload instead of misbehaving.
 * 2: `message:batch` (several `message:new` of one group in one frame).
 * 3: one-to-one messages are sealed without a franking commitment (a version-2 tab refuses them as tampered).
 */
export const PROTOCOL_VERSION = 3;
