import { describe, expect, it } from 'vitest';
import type { AppServer } from '../../platform/realtime/types.js';
import { createDeliveryQueue } from './delivery-queue.js';
import { deliverMessages } from './messages.handlers.js';
import type { MessageService } from './messages.service.js';

/** What one socket received: each frame's messages (seqs), in the order written. */
type Frames = number[][];

/**
 * A node with one group room of `members` sockets on long polling (so every frame goes through `conn.write`,
 * where the test reads it back), and the message service's subscription in the test's hands.
 */
function node(members: number) {
  const room = 'group:g1';
  const frames: Frames[] = [];
  const sockets = new Map<string, unknown>();
  for (let i = 0; i < members; i++) {
    const mine: Frames = [];
    frames.push(mine);
    sockets.set(`s${i}`, {
      conn: {
        readyState: 'open',
        writeBuffer: [],
        transport: { name: 'polling' },
        write(packet: string) {
          // `2["message:new",{…}]` or `2["message:batch",{"groupId":…,"messages":[…]}]`
          const [event, payload] = JSON.parse(packet.slice(1)) as [string, unknown];
          const list =
            event === 'message:batch'
              ? (payload as { messages: { seq: number }[] }).messages
              : [payload as { seq: number }];
          mine.push(list.map((m) => m.seq));
        },
      },
    });
  }
  const nsp = {
    adapter: { rooms: new Map([[room, new Set(sockets.keys())]]), on: () => undefined },
    sockets,
  };
  const io = { of: () => nsp } as unknown as AppServer;
  let listener: ((groupId: string, json: Buffer) => void) | undefined;
  const messages = {
    onMessage: (l: (groupId: string, json: Buffer) => void) => {
      listener = l;
      return Promise.resolve();
    },
    follow: () => Promise.resolve(),
    unfollow: () => undefined,
  } as unknown as MessageService;
  const publish = (seq: number) =>
    listener?.(
      'g1',
      Buffer.from(
        JSON.stringify({ groupId: 'g1', seq, ts: seq, kind: 'text', author: null, text: `m${seq}` }),
      ),
    );
  return { io, messages, frames, publish };
}

const turnEnd = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('deliverMessages: a loop turn’s backlog', () => {
  it('is written in several slices as it arrives, in order and exactly once, not all at the turn’s end', async () => {
    const n = node(3);
    await deliverMessages(n.io, n.messages);
    // 100 messages read in one turn, each from its own read (the handlers of one read end in microtasks).
    for (let seq = 1; seq <= 100; seq++) {
      n.publish(seq);
      await Promise.resolve();
    }
    const beforeTurnEnd = n.frames.map((f) => f.flat().length);
    await turnEnd();
    // The first slice left while the turn's later messages were still being read.
    for (const written of beforeTurnEnd) expect(written).toBeGreaterThan(0);
    for (const socketFrames of n.frames) {
      expect(socketFrames.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(socketFrames.length).toBeGreaterThan(2);
      for (const frame of socketFrames) expect(frame.length).toBeLessThanOrEqual(50);
    }
  });

  it('a message alone waits for the turn’s end (one frame per message, as before)', async () => {
    const n = node(2);
    await deliverMessages(n.io, n.messages);
    n.publish(1);
    await Promise.resolve();
    expect(n.frames[0]).toEqual([]);
    await turnEnd();
    expect(n.frames).toEqual([[[1]], [[1]]]);
  });
});

describe('createDeliveryQueue', () => {
  it('writes what waits once the oldest has waited the time cap, and the rest at the turn’s end', async () => {
    let clock = 0;
    const writes: [string, string[]][][] = [];
    const deliver = createDeliveryQueue(
      (groups) =>
        writes.push([...groups].map(([g, list]) => [g, list.map((b) => b.toString())] as [string, string[]])),
      { now: () => clock, flushAtMessages: 1000, flushAfterMs: 1 },
    );
    deliver('a', Buffer.from('a1'));
    clock += 0.5;
    deliver('b', Buffer.from('b1'));
    await Promise.resolve();
    expect(writes).toEqual([]); // under both caps: nothing yet
    clock += 0.6; // the oldest has now waited 1.1 ms
    deliver('a', Buffer.from('a2'));
    await Promise.resolve();
    expect(writes).toEqual([
      [
        ['a', ['a1', 'a2']],
        ['b', ['b1']],
      ],
    ]);
    deliver('b', Buffer.from('b2'));
    await Promise.resolve();
    expect(writes).toHaveLength(1); // a new slice starts its own wait
    await turnEnd();
    expect(writes).toEqual([
      [
        ['a', ['a1', 'a2']],
        ['b', ['b1']],
      ],
      [['b', ['b2']]],
    ]);
    await turnEnd();
    expect(writes).toHaveLength(2); // nothing twice, no empty write
  });
});
