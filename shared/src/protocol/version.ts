/**
 * The wire protocol version. The client sends it in the socket handshake (`auth.v`); the server refuses a
 * different version with `PROTOCOL_MISMATCH` so an old tab can tell the user to reload instead of misbehaving.
 */
export const PROTOCOL_VERSION = 1;
