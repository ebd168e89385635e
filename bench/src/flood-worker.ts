import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import { REACTIONS } from '@staffroom/shared/schemas/messages';

/** What the flooding script is told (plain data: it crosses from the main thread). */
export interface FloodOrder {
  url: string;
  cookie: string;
  groupId: string;
  kind: 'history' | 'fanout';
  /** Seqs of messages in the group (reports and reactions need real ones). */
  seqs: number[];
  /** Events per burst, all emitted at once without waiting for an ack. */
  burst: number;
  /** Until when (Date.now) to keep bursting; a cut-off socket reconnects and bursts again. */
  until: number;
}

export interface FloodTally {
  bursts: number;
  emitted: number;
  answered: number;
  /** Acks by outcome: `ok` or the error code. */
  codes: Record<string, number>;
  /** Times the server disconnected the flooding socket. */
  cutOff: number;
}

type AckResult = { ok: true; data?: unknown } | { ok: false; error: { code: string } };

/**
 * One script with a grudge: a single account's socket sends `burst` events without waiting for their acks
 * (`group:history {limit: 200}`, or a mix of reports, reactions and typing notices), as fast as it can; when the
 * server cuts it off it connects again and goes on, until `until`. Runs in its own thread so its sending does not
 * delay the bystanders measured on the main thread.
 */
async function flood(order: FloodOrder): Promise<FloodTally> {
  const tally: FloodTally = { bursts: 0, emitted: 0, answered: 0, codes: {}, cutOff: 0 };
  const count = (code: string) => (tally.codes[code] = (tally.codes[code] ?? 0) + 1);
  const event = (i: number): [string, Record<string, unknown>] => {
    const seq = order.seqs[i % order.seqs.length] ?? 1;
    if (order.kind === 'history') return ['group:history', { groupId: order.groupId, limit: 200 }];
    switch (i % 3) {
      case 0:
        return ['report:create', { groupId: order.groupId, seq, reason: 'spam', note: '' }];
      case 1:
        return ['reaction:set', { groupId: order.groupId, seq, kind: REACTIONS[0], on: i % 2 === 0 }];
      default:
        return ['typing:start', { groupId: order.groupId }];
    }
  };
  while (Date.now() < order.until) {
    const socket: Socket = io(order.url, {
      forceNew: true,
      reconnection: false,
      transports: ['websocket'],
      auth: { v: PROTOCOL_VERSION },
      extraHeaders: { cookie: order.cookie },
    });
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected) {
      socket.close();
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const open = (await socket.emitWithAck('group:open', { groupId: order.groupId })) as AckResult;
    if (!open.ok) {
      count(`open:${open.error.code}`);
      socket.close();
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    tally.bursts += 1;
    await new Promise<void>((resolve) => {
      let answered = 0;
      socket.once('disconnect', (reason) => {
        if (reason === 'io server disconnect') tally.cutOff += 1;
        resolve();
      });
      for (let i = 0; i < order.burst; i++) {
        const [name, payload] = event(tally.emitted);
        tally.emitted += 1;
        socket.emit(name, payload, (ack: AckResult) => {
          tally.answered += 1;
          count(ack.ok ? 'ok' : ack.error.code);
          if (++answered === order.burst) resolve();
        });
      }
    });
    socket.close();
  }
  return tally;
}

if (parentPort) {
  const port = parentPort;
  flood(workerData as FloodOrder).then(
    (tally) => port.postMessage({ tally }),
    (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  );
}
