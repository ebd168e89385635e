/**
 * The baseline: the bare socket.io 4 server a developer would write instead of Staffroom. Rooms, a `message`
 * event broadcast to the room, nothing else (no accounts, no storage, no validation, no acks on sends). With
 * REDIS_URL it uses `@socket.io/redis-adapter`, so several processes share rooms through Redis pub/sub.
 *
 * Prints `{"msg":"listening","port":N}` once it listens, like the Staffroom server's log line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

interface ChatMessage {
  room: string;
  text: string;
}

const http = createServer();
const io = new Server(http, { serveClient: false });

if (process.env.REDIS_URL) {
  const pub = new Redis(process.env.REDIS_URL);
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub));
}

io.on('connection', (socket) => {
  socket.on('join', (room: string, ack?: () => void) => {
    void socket.join(room);
    ack?.();
  });
  socket.on('message', (message: ChatMessage) => {
    io.to(message.room).emit('message', message);
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});

const stop = () => {
  void io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
