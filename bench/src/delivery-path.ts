/**
 * The delivery path alone (issue 15): server CPU per 1,000 deliveries of socket.io's broadcast against
 * Staffroom's encoded writes (`server/src/platform/realtime/encoded-emit.ts`), one message per frame and batched
 * per loop turn, with nothing else in the process: no Redis, no guards, no sends. The clients run in a child
 * process (raw `ws`, speaking engine.io/socket.io by hand, counting messages), so this process's CPU time is the
 * server's own, which holds on a busy machine where latency figures do not.
 *
 *   npx tsc -b shared server && npx tsc -p bench && node bench/dist/src/delivery-path.js [--groups 50 --members 20]
 *
 * Each round delivers `--messages` messages, `--per-turn` of them per event-loop turn (as a node receives
 * several in one read from Redis under load), to random groups; modes run interleaved, `--rounds` times.
 * `--shapes v3,v4` also interleaves the message as protocol 3 delivered it (with the sender's `clientId`) and as
 * protocol 4 does (without); the default is v4 alone. Each shape's frame size (one message per frame) is printed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import WebSocket from 'ws';
import type { AppServer } from '../../server/dist/platform/realtime/types.js';
import type * as EncodedEmitModule from '../../server/dist/platform/realtime/encoded-emit.js';

// The built server's module (run from bench/dist/src: three levels up is the repository).
type EncodedEmit = typeof EncodedEmitModule;
const { encodeEvent, writeToLocalRoom } = (await import(
  new URL('../../../server/dist/platform/realtime/encoded-emit.js', import.meta.url).href
)) as EncodedEmit;

type Mode = 'socket.io emit' | 'encoded, 1 per frame' | 'encoded, batched';
const MODES: Mode[] = ['socket.io emit', 'encoded, 1 per frame', 'encoded, batched'];
/** The live message as protocol 3 delivered it (with the sender's client id) or as protocol 4 does (without). */
type Shape = 'v3' | 'v4';

function messageJson(groupId: string, seq: number, shape: Shape = 'v4'): string {
  return JSON.stringify({
    seq,
    ts: 1_765_000_000_000 + seq,
    groupId,
    kind: 'text',
    author: { tag: 'k3f9a2', name: 'Quiet Heron' },
    text: `t=${seq} marking ${'x'.repeat(40)} and a longer sentence about the week that was`,
    ...(shape === 'v3' ? { clientId: '2b7c0a4e-1f3d-4c55-9a8e-6d0f1e2a3b4c' } : {}),
  });
}

/** Child: `n` raw clients; counts messages (a batch counts each of its messages) and reports on request. */
async function clients(url: string, n: number): Promise<void> {
  let messages = 0;
  const open: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(`${url}/socket.io/?EIO=4&transport=websocket`);
    open.push(
      new Promise((resolve) => {
        ws.on('message', (data: Buffer) => {
          const s = data.toString();
          if (s.startsWith('0')) ws.send('40');
          else if (s.startsWith('40')) resolve();
          else if (s === '2') ws.send('3');
          else if (s.startsWith('42["message:new"')) messages += 1;
          else if (s.startsWith('42["message:batch"')) {
            const [, batch] = JSON.parse(s.slice(2)) as [string, { messages: unknown[] }];
            messages += batch.messages.length;
          }
        });
      }),
    );
  }
  await Promise.all(open);
  process.send?.({ ready: true });
  process.on('message', () => process.send?.({ messages }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      groups: { type: 'string', default: '50' },
      members: { type: 'string', default: '20' },
      messages: { type: 'string', default: '3000' },
      'per-turn': { type: 'string', default: '1,5,20' },
      rounds: { type: 'string', default: '3' },
      shapes: { type: 'string', default: 'v4' },
    },
  });
  const groups = Number(values.groups);
  const members = Number(values.members);
  const total = Number(values.messages);
  const rounds = Number(values.rounds);
  const http = createServer();
  const io = new Server(http, { serveClient: false, transports: ['websocket'] }) as unknown as AppServer;
  let joined = 0;
  io.on('connection', (socket) => {
    void socket.join(`group:g${joined % groups}`);
    joined++;
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [
    '--child',
    `http://127.0.0.1:${port}`,
    String(groups * members),
  ]);
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  const received = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { messages: number }) => resolve(m.messages));
      child.send('count');
    });

  async function run(
    mode: Mode,
    perTurn: number,
    shape: Shape,
  ): Promise<{ cpuMs: number; deliveries: number }> {
    const before = await received();
    const start = process.cpuUsage();
    let seq = 0;
    while (seq < total) {
      const turn: [string, string][] = [];
      for (let i = 0; i < perTurn && seq < total; i++, seq++) {
        const groupId = `g${Math.floor(Math.random() * groups)}`;
        turn.push([groupId, messageJson(groupId, seq, shape)]);
      }
      if (mode === 'socket.io emit') {
        for (const [groupId, json] of turn)
          io.local.to(`group:${groupId}`).emit('message:new', JSON.parse(json) as never);
      } else if (mode === 'encoded, 1 per frame') {
        for (const [groupId, json] of turn)
          writeToLocalRoom(io, `group:${groupId}`, encodeEvent('message:new', json));
      } else {
        const byGroup = new Map<string, string[]>();
        for (const [groupId, json] of turn) byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), json]);
        for (const [groupId, list] of byGroup) {
          const event =
            list.length === 1
              ? encodeEvent('message:new', list[0] as string)
              : encodeEvent('message:batch', `{"groupId":"${groupId}","messages":[${list.join(',')}]}`);
          writeToLocalRoom(io, `group:${groupId}`, event);
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = before + total * members;
    for (let got = await received(); got < expected; got = await received()) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const used = process.cpuUsage(start);
    return { cpuMs: (used.user + used.system) / 1000, deliveries: total * members };
  }

  const perTurns = values['per-turn'].split(',').map(Number);
  const shapes = values.shapes.split(',') as Shape[];
  const results = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const perTurn of perTurns) {
      for (const mode of MODES) {
        for (const shape of shapes) {
          const { cpuMs, deliveries } = await run(mode, perTurn, shape);
          const key = `${perTurn}\t${mode}${shapes.length > 1 ? `, ${shape}` : ''}`;
          results.set(key, [...(results.get(key) ?? []), (cpuMs / deliveries) * 1000]);
        }
      }
    }
  }
  for (const shape of shapes) {
    const bytes = Array.from({ length: 100 }, (_, i) =>
      encodeEvent('message:new', messageJson('g1', 1_000 + i, shape)),
    );
    const mean = bytes.reduce((sum, e) => sum + e.frame.length, 0) / bytes.length;
    process.stdout.write(
      `${shape}: ${mean.toFixed(0)} bytes per delivery (WebSocket frame of one message:new)\n`,
    );
  }
  process.stdout.write(
    `delivery path: ${groups} groups × ${members} members, ${total} messages per run, ${rounds} rounds; load ${(await import('node:os')).loadavg()[0]?.toFixed(1)}\n`,
  );
  process.stdout.write('per turn\tmode\tserver CPU ms per 1,000 deliveries (median of rounds; each round)\n');
  for (const [key, values] of results) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    process.stdout.write(`${key}\t${median.toFixed(1)}\t(${values.map((v) => v.toFixed(1)).join(', ')})\n`);
  }
  child.kill();
  await io.close();
}

if (process.argv[2] === '--child') void clients(process.argv[3] as string, Number(process.argv[4]));
else void main();
