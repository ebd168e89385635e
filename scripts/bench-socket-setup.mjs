/**
 * What a connection costs the server in its socket setup alone (the event edge and every feature's handlers, as
 * app.ts wires them; the services behind them are inert stand-ins), and what one client event costs at the edge:
 *
 *   npx tsc -b shared server && node --expose-gc scripts/bench-socket-setup.mjs [server/dist dir] [clients]
 *   EVENTS=10 node --expose-gc scripts/bench-socket-setup.mjs …   # then every client sends 10 × me:get
 *
 * Counts the heap after full garbage collections with half and then all the clients connected (socket.io-client
 * over WebSocket, in a child process), and prints bytes per connection for the second half. With EVENTS, prints
 * the server's CPU time (user + system) per event with its ack. The dist directory may be another build (e.g. a
 * copy of an older commit, built): builds from before 2026-12-07 registered every handler per socket
 * (`edge.on(socket, …)`), and that wiring is used for them.
 */
import { createServer } from 'node:http';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

const dist = pathToFileURL(resolve(process.argv[2] ?? 'server/dist')).href;
const clients = Number(process.argv[3] ?? 2000);
const events = Number(process.env.EVENTS ?? 0);
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');

const { createEventEdge } = await import(`${dist}/platform/realtime/on-event.js`);
const accountsH = await import(`${dist}/features/accounts/accounts.handlers.js`);
const groupsH = await import(`${dist}/features/groups/groups.handlers.js`);
const messagesH = await import(`${dist}/features/messages/messages.handlers.js`);
const convoH = await import(`${dist}/features/consultations/consultations.handlers.js`);
const modH = await import(`${dist}/features/moderation/moderation.handlers.js`);
const retH = await import(`${dist}/features/retention/retention.handlers.js`);

const log = { error() {}, warn() {}, info() {} };
const counter = { inc() {}, dec() {} };
const metrics = { socketEvents: counter, errors: counter, admissionRefused: counter };
const edge = createEventEdge(log, metrics, {
  admission: { admit: () => undefined },
  maxInFlight: 8,
  abuseRefusals: 50,
  abuseWindowMs: 10_000,
});
/** Every service method resolves with an empty list: the handlers exist, nothing behind them works. */
const inert = new Proxy({}, { get: () => async () => [] });
const sessions = { add() {} };
const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
io.use((socket, next) => {
  const n = socket.handshake.auth.n;
  socket.data.principal = { accountId: `a${n}`, sessionId: `s${n}`, tokenHash: `t${n}`, role: 'member' };
  next();
});
const groupDeps = {
  io,
  edge,
  groups: inert,
  presence: inert,
  joinLimit: inert,
  history: inert,
  posting: inert,
  mayPost: inert,
  testPauseMs: 0,
  held: inert,
  follow: inert,
};
const perNode = typeof edge.handle === 'function';
if (perNode) {
  accountsH.registerAccountHandlers(edge, inert);
  groupsH.registerGroupHandlers(groupDeps);
  messagesH.registerMessageHandlers({ io, edge, messages: inert, openGroupOf: groupsH.openGroupOf });
  convoH.registerConsultationHandlers({ edge, consultations: inert, reveal: inert });
  modH.registerModerationHandlers(edge, inert);
  retH.registerRetentionHandlers({ io, edge, retention: inert });
}
io.on('connection', (socket) => {
  socket.on('disconnect', () => counter.dec());
  socket.data.openGroups = new Map();
  if (perNode) {
    edge.attach(socket);
    accountsH.accountConnected(socket, sessions);
    void modH.moderationConnected(socket, inert, log);
  } else {
    edge.guard(socket);
    accountsH.registerAccountHandlers(socket, edge, inert, sessions);
    groupsH.registerGroupHandlers(socket, groupDeps);
    messagesH.registerMessageHandlers(socket, {
      io,
      edge,
      messages: inert,
      openGroupOf: groupsH.openGroupOf,
    });
    convoH.registerConsultationHandlers(socket, { edge, consultations: inert, reveal: inert });
    void modH.registerModerationHandlers(socket, edge, inert, log);
    retH.registerRetentionHandlers(socket, { io, edge, retention: inert });
  }
});

async function heapUsed() {
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage().heapUsed;
}

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address();
  const child = fork(new URL('./bench-socket-setup-client.mjs', import.meta.url), [
    String(port),
    String(clients),
    String(events),
  ]);
  const heap = {};
  let cpu;
  child.on('message', async (m) => {
    if (m === 'half') {
      heap.half = await heapUsed();
      child.send('more');
    } else if (m === 'all') {
      heap.all = await heapUsed();
      const bytesPerConnection = Math.round((heap.all - heap.half) / (clients - Math.floor(clients / 2)));
      console.log(
        JSON.stringify({ perNode, clients, heapHalf: heap.half, heapAll: heap.all, bytesPerConnection }),
      );
      if (!events) return finish();
      cpu = process.cpuUsage();
      child.send('send');
    } else if (typeof m === 'object' && m !== null) {
      const used = process.cpuUsage(cpu);
      const perEvent = (used.user + used.system) / m.sent;
      console.log(
        JSON.stringify({ perNode, events: m.sent, ok: m.ok, serverCpuUsPerEvent: +perEvent.toFixed(1) }),
      );
      finish();
    }
  });
  function finish() {
    child.kill();
    process.exit(0);
  }
});
