import type { AppServer, AppSocket } from './types.js';

/**
 * One server → client event encoded once, to write to many sockets: the socket.io packet (`2["event",payload]`)
 * for sockets that go through engine.io's buffer, and the whole WebSocket frame of its engine.io message
 * (`4` + packet, one text frame, header included) for the rest. These are the bytes socket.io's own broadcast
 * writes, so any socket.io client reads them.
 */
export interface EncodedEvent {
  /** The socket.io packet as text, for engine.io's path (made from the frame only when a socket needs it). */
  readonly packet: string;
  readonly frame: Buffer;
  /** `[frame]`, the list `ws`'s `sendFrame` takes: made once per event, not once per member written to. */
  readonly frames: readonly [Buffer];
}

class Encoded implements EncodedEvent {
  #packet: string | undefined;
  readonly frames: readonly [Buffer];
  constructor(
    readonly frame: Buffer,
    /** Where the packet starts in `frame` (after the frame header and engine.io's `4`). */
    private readonly packetAt: number,
    packet?: string,
  ) {
    this.#packet = packet;
    this.frames = [frame];
  }
  get packet(): string {
    return (this.#packet ??= this.frame.toString('utf8', this.packetAt));
  }
}

/** `payloadJson` must be valid JSON (it is spliced into the packet as is, not parsed again). */
export function encodeEvent(event: string, payloadJson: string): EncodedEvent {
  return encodePacket(`2[${JSON.stringify(event)},${payloadJson}]`);
}

/**
 * The same, with the payload given as the pieces of its JSON (UTF-8 bytes or text, in order), copied straight
 * into the frame: no string is made of the bytes (messages arrive from Redis as bytes).
 */
export function encodeEventParts(event: string, payload: readonly (Buffer | string)[]): EncodedEvent {
  const head = `2[${JSON.stringify(event)},`;
  let length = 1 + Buffer.byteLength(head) + 1; // engine.io's '4', the head, the closing ']'
  for (const part of payload) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  const { frame, at } = frameFor(length);
  let offset = at + frame.write(head, at);
  for (const part of payload) {
    offset += typeof part === 'string' ? frame.write(part, offset) : part.copy(frame, offset);
  }
  frame[offset] = 0x5d; // ']'
  return new Encoded(frame, at);
}

/**
 * The acknowledgement socket.io writes for the client's event `id` with these arguments (`3<id>[...]`, the
 * default namespace), encoded the same way. Acks carry JSON only, never binary.
 */
export function encodeAck(id: number, args: unknown[]): EncodedEvent {
  return encodePacket(`3${id}${JSON.stringify(args)}`);
}

/** A socket.io packet (already in its text form) and its engine.io message as one WebSocket text frame. */
export function encodePacket(packet: string): EncodedEvent {
  const { frame, at } = frameFor(Buffer.byteLength(packet) + 1);
  frame.write(packet, at);
  return new Encoded(frame, at, packet);
}

/**
 * A text frame for an engine.io message of `length` bytes (`4` included), its header and the `4` written;
 * `at` is where the socket.io packet goes.
 */
function frameFor(length: number): { frame: Buffer; at: number } {
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x81; // FIN, text frame
  if (headerBytes === 2) {
    frame[1] = length;
  } else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame[headerBytes] = 0x34; // '4': an engine.io message
  return { frame, at: headerBytes + 1 };
}

/** The parts of engine.io's socket and `ws` this writer relies on (engine.io's websocket transport uses the same). */
interface EngineConn {
  readyState: string;
  writeBuffer: unknown[];
  write(data: string): unknown;
  transport: {
    name: string;
    perMessageDeflate?: unknown;
    socket?: { readyState?: number; _sender?: { sendFrame?: (list: readonly Buffer[]) => void } };
  };
}

/**
 * Writes the event to one socket. When nothing is waiting in engine.io's buffer and the transport is an open
 * WebSocket without compression, the pre-built frame goes straight to the socket's `ws` sender, as engine.io's
 * own pre-encoded path does, but without a packet object, events and a completion callback per write. Order
 * holds: engine.io has handed everything earlier to `ws` (its buffer is empty), and `ws` writes in call order.
 * Anything else (long polling, an upgrade, packets waiting for a drain) takes engine.io's path, behind them.
 */
export function writeEncoded(socket: AppSocket, event: EncodedEvent): void {
  const conn = socket.conn as unknown as EngineConn;
  if (conn.readyState !== 'open') return; // socket.io drops writes to a closing connection the same way
  const transport = conn.transport;
  const sender = transport.socket?._sender;
  if (
    transport.name === 'websocket' &&
    conn.writeBuffer.length === 0 &&
    !transport.perMessageDeflate &&
    transport.socket?.readyState === 1 &&
    typeof sender?.sendFrame === 'function'
  ) {
    sender.sendFrame(event.frames); // `ws` writes its element and keeps no reference to the list
    return;
  }
  conn.write(event.packet);
}

/** Writes the event to every socket of this node in `room`; returns how many. */
export function writeToLocalRoom(io: AppServer, room: string, event: EncodedEvent): number {
  const nsp = io.of('/');
  const ids = nsp.adapter.rooms.get(room);
  if (!ids) return 0;
  let written = 0;
  for (const id of ids) {
    const socket = nsp.sockets.get(id);
    if (!socket) continue;
    writeEncoded(socket, event);
    written++;
  }
  return written;
}

/** socket.io's per-event ack factory (`Socket.prototype.ack`, called by `onevent` for an event with an id). */
interface AckFactory {
  ack?: (id: number) => (...args: unknown[]) => void;
}

/**
 * Acks on this socket go out like deliveries: the packet socket.io would write (`encodeAck`), through
 * `writeEncoded`, instead of socket.io's encoder (which walks the answer for binary) and engine.io's packet,
 * events and completion callback per write. Same bytes, same once-only guard, the same drop on a closing
 * connection. Only for the default namespace (the ack packet names no other); if socket.io ever stops making
 * its acks this way, its own path stays.
 */
export function writeAcksEncoded(socket: AppSocket): void {
  const target = socket as unknown as AckFactory;
  if (socket.nsp.name !== '/' || typeof target.ack !== 'function') return;
  target.ack = (id: number) => {
    let sent = false;
    return (...args: unknown[]) => {
      if (sent) return;
      sent = true;
      writeEncoded(socket, encodeAck(id, args));
    };
  };
}
