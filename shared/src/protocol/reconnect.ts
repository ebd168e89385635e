/**
 * How a client retries after losing its connection (socket.io-client's Manager options). When a node dies,
 * every client it held reconnects at once: the jitter (each delay drawn in ±50 % of its nominal value) spreads
 * that herd over the survivors instead of landing it in the same millisecond, and the cap keeps a client that
 * found nobody retrying every few seconds, so everyone is back within seconds of a node being replaced.
 * The web client uses these; the recovery test (`tests/abuse/recovery.test.ts`) reconnects its herd with them.
 */
export const RECONNECT = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 5_000,
  randomizationFactor: 0.5,
} as const;
