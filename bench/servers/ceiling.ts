/**
 * The ceiling: raw `ws` in one process, no Redis, no framing protocol beyond JSON text frames. A client joins a
 * room with `{"t":"join","room":R}` (answered `{"t":"joined"}`) and sends `{"t":"msg","room":R,"text":T}`; the
 * server encodes the broadcast once and writes it to every member of the room. Nothing else: what no real
 * chat server can beat on this machine.
 *
 * Prints `{"msg":"listening","port":N}` once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const http = createServer();
const wss = new WebSocketServer({ server: http });
const rooms = new Map<string, Set<WebSocket>>();

wss.on('connection', (ws) => {
  const joined = new Set<string>();
  ws.on('message', (data) => {
    let frame: { t?: unknown; room?: unknown; text?: unknown };
    try {
      frame = JSON.parse(String(data)) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.room !== 'string') return;
    if (frame.t === 'join') {
      let members = rooms.get(frame.room);
      if (!members) rooms.set(frame.room, (members = new Set()));
      members.add(ws);
      joined.add(frame.room);
      ws.send('{"t":"joined"}');
    } else if (frame.t === 'msg' && typeof frame.text === 'string') {
      const members = rooms.get(frame.room);
      if (!members) return;
      const encoded = JSON.stringify({ t: 'msg', room: frame.room, text: frame.text });
      for (const member of members) member.send(encoded);
    }
  });
  ws.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(ws);
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});

const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
