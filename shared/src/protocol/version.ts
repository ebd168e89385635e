/**
 * The wire protocol version. The client sends it in the socket handshake (`auth.v`); the server refuses a
 * different version with `PROTOCOL_MISMATCH` so an old tab can tell the user to reload instead of misbehaving.
 * 2: `message:batch` (several `message:new` of one group in one frame).
 */
export const PROTOCOL_VERSION = 2;
