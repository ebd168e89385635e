import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';

/** How the generator talks to a target: the product protocol, the bare socket.io one, or raw ws frames. */
export type ClientKind = 'staffroom' | 'socketio' | 'ws';

/** One simulated person, as provisioned by the target adapter (plain data: it crosses to worker threads). */
export interface ClientSpec {
  id: number;
  /** The node this client's socket talks to. */
  url: string;
  /** The group (room) it is in; one per client. */
  group: string;
  /** Messages per second it sends in the measured run (0: it only listens). */
  rate: number;
  /** Staffroom: the `Cookie` header of its logged-in session. */
  cookie?: string;
}

export interface ClientHooks {
  /** Every delivered chat message's text (including the client's own). */
  onDelivery(text: string): void;
  /** A send the server refused (Staffroom acks), by error code. */
  onSendError(code: string): void;
  /**
   * A send acknowledged, with the time it took in µs (Staffroom only: the others do not ack) and the text sent
   * (its first letter says measured window or warm-up).
   */
  onAck(us: number, text: string): void;
  onDisconnect(reason: string): void;
}

export interface BenchClient {
  readonly spec: ClientSpec;
  /** Connects, authenticates and joins/opens the group; rejects with a short reason. */
  connect(): Promise<void>;
  send(clientId: string, text: string, sentUs: number, now: () => number): void;
  close(): void;
}

const CONNECT_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = CONNECT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timeout`)), ms);
    }),
  ]);
}

type AckResult = { ok: true; data?: unknown } | { ok: false; error: { code: string } };

function socketConnected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      const data = (err as { data?: { code?: string } }).data;
      reject(new Error(`connect_error ${data?.code ?? err.message}`));
    });
    socket.connect();
  });
}

/** The real product protocol: session cookie, `group:join` + `group:open`, `message:send` with an ack. */
class StaffroomClient implements BenchClient {
  private socket: Socket | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly hooks: ClientHooks,
  ) {}

  async connect(): Promise<void> {
    const socket = io(this.spec.url, {
      autoConnect: false,
      forceNew: true,
      reconnection: false,
      transports: ['websocket'],
      auth: { v: PROTOCOL_VERSION },
      extraHeaders: this.spec.cookie ? { cookie: this.spec.cookie } : {},
    });
    this.socket = socket;
    socket.on('message:new', (m: { text: string }) => this.hooks.onDelivery(m.text));
    socket.on('message:batch', (b: { messages: { text: string }[] }) => {
      for (const m of b.messages) this.hooks.onDelivery(m.text);
    });
    await withTimeout(socketConnected(socket), 'connect');
    socket.on('disconnect', (reason) => this.hooks.onDisconnect(reason));
    const request = async (event: string, payload: unknown) => {
      const ack = (await withTimeout(socket.emitWithAck(event, payload), event)) as AckResult;
      if (!ack.ok) throw new Error(`${event} ${ack.error.code}`);
    };
    await request('group:join', { groupId: this.spec.group, acceptGuidelines: true });
    await request('group:open', { groupId: this.spec.group });
  }

  send(clientId: string, text: string, sentUs: number, now: () => number): void {
    this.socket?.emit('message:send', { groupId: this.spec.group, clientId, text }, (ack: AckResult) => {
      // A duplicate is acknowledged but not broadcast: it would show up as lost deliveries, so name it.
      if (!ack.ok) this.hooks.onSendError(ack.error.code);
      else if ((ack.data as { duplicate?: boolean } | undefined)?.duplicate)
        this.hooks.onSendError('DUPLICATE');
      else this.hooks.onAck(now() - sentUs, text);
    });
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** The bare socket.io server's protocol: `join` (acked) and a fire-and-forget `message`. */
class SocketIoClient implements BenchClient {
  private socket: Socket | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly hooks: ClientHooks,
  ) {}

  async connect(): Promise<void> {
    const socket = io(this.spec.url, {
      autoConnect: false,
      forceNew: true,
      reconnection: false,
      transports: ['websocket'],
    });
    this.socket = socket;
    socket.on('message', (m: { text: string }) => this.hooks.onDelivery(m.text));
    await withTimeout(socketConnected(socket), 'connect');
    socket.on('disconnect', (reason) => this.hooks.onDisconnect(reason));
    await withTimeout(socket.emitWithAck('join', this.spec.group), 'join');
  }

  send(_clientId: string, text: string): void {
    this.socket?.emit('message', { room: this.spec.group, text });
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** The raw ws ceiling's protocol: JSON text frames. */
class WsClient implements BenchClient {
  private ws: WebSocket | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly hooks: ClientHooks,
  ) {}

  async connect(): Promise<void> {
    const ws = new WebSocket(this.spec.url.replace(/^http/, 'ws'));
    this.ws = ws;
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', (err) => reject(err));
      }),
      'connect',
    );
    ws.on('error', () => {});
    ws.on('close', () => this.hooks.onDisconnect('close'));
    await withTimeout(
      new Promise<void>((resolve) => {
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { t: string; text?: string };
          if (frame.t === 'msg' && frame.text !== undefined) this.hooks.onDelivery(frame.text);
          else if (frame.t === 'joined') resolve();
        });
        ws.send(JSON.stringify({ t: 'join', room: this.spec.group }));
      }),
      'join',
    );
  }

  send(_clientId: string, text: string): void {
    this.ws?.send(JSON.stringify({ t: 'msg', room: this.spec.group, text }));
  }

  close(): void {
    this.ws?.removeAllListeners();
    this.ws?.on('error', () => {});
    this.ws?.terminate();
  }
}

export function createClient(kind: ClientKind, spec: ClientSpec, hooks: ClientHooks): BenchClient {
  if (kind === 'staffroom') return new StaffroomClient(spec, hooks);
  if (kind === 'socketio') return new SocketIoClient(spec, hooks);
  return new WsClient(spec, hooks);
}
