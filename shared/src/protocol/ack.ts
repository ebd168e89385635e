import type { ErrorInfo } from './errors.js';

/**
 * Every socket event the client emits gets exactly one ack of this shape.
 * @example socket.emit('group:join', { groupId }, (ack) => { if (!ack.ok) show(ack.error.message) })
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** The callback type a client passes as the last argument of an emit. */
export type AckCallback<T> = (ack: Ack<T>) => void;
