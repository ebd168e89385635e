/** The clients of scripts/bench-socket-setup.mjs (a child process): connect half, then all, then send. */
import { io } from 'socket.io-client';

const [port, clients, events] = process.argv.slice(2).map(Number);
const sockets = [];
function connect(n) {
  return new Promise((resolve, reject) => {
    const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, auth: { n } });
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
    sockets.push(socket);
  });
}

const half = Math.floor(clients / 2);
for (let i = 0; i < half; i++) await connect(i);
process.send('half');
process.once('message', async () => {
  for (let i = half; i < clients; i++) await connect(i);
  process.send('all');
  process.once('message', async () => {
    let ok = 0;
    for (let r = 0; r < events; r++) {
      const acks = await Promise.all(sockets.map((s) => new Promise((done) => s.emit('me:get', {}, done))));
      ok += acks.filter((a) => a?.ok).length;
    }
    process.send({ sent: events * sockets.length, ok });
  });
});
