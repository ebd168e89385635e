/**
 * The subscription's side of live delivery alone (issue 15): CPU per message per node from the bytes ioredis
 * parsed off the subscriber connection to the frame every member gets. Both ways, in one process, interleaved:
 *
 * - "strings": the channel and message made strings (ioredis does so once anything listens to `message`), the
 *   byte count taken again, the message parsed as JSON for its group, the frame encoded from the string;
 * - "bytes" (today's): the `messageBuffer` event's Buffers, the channel compared as bytes, the group read from the
 *   bytes (`groupIdOf`), the frame built by copying them (`encodeEventParts`).
 *
 * One message per node per publication, so per 1,000 deliveries in `groups` (20 members, 2 nodes) this runs
 * 100 times: the figure × 0.1 is ms per 1,000 deliveries.
 *
 *   npx tsc -b shared server && npx tsc -p bench && node bench/dist/src/subscription-path.js
 */
import type * as EncodedEmitModule from '../../server/dist/platform/realtime/encoded-emit.js';
import type * as StoreModule from '../../server/dist/features/messages/messages.store.js';

// The built server's modules (run from bench/dist/src: three levels up is the repository).
const built = (file: string) => new URL(`../../../server/dist/${file}`, import.meta.url).href;
const { encodeEvent, encodeEventParts } = (await import(
  built('platform/realtime/encoded-emit.js')
)) as typeof EncodedEmitModule;
const { groupIdOf, liveMessage } = (await import(
  built('features/messages/messages.store.js')
)) as typeof StoreModule;

const CHANNEL = 'staffroom:live';
const live = JSON.stringify({
  groupId: '7d0c6a1e-3f43-4a55-9a8e-2b1f3c4d5e6f',
  kind: 'text',
  author: { tag: 'k3f9a2', name: 'Quiet Heron' },
  text: 'Had a rough day with year 9 but the planning session after school helped a lot, thanks all.',
  clientId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
});
const published = Array.from({ length: 64 }, (_, i) =>
  Buffer.from(liveMessage(live, 100_000 + i, 1_765_000_000_000 + i)),
);
const channelBytes = Buffer.from(CHANNEL);
let sink = 0;

function strings(n: number): void {
  for (let i = 0; i < n; i++) {
    const from = channelBytes.toString();
    const message = (published[i & 63] as Buffer).toString();
    if (from !== CHANNEL) continue;
    sink += Buffer.byteLength(message);
    const parsed = JSON.parse(message) as { groupId?: unknown } | null;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.groupId !== 'string') continue;
    sink += encodeEvent('message:new', message).frame.length + parsed.groupId.length;
  }
}

function bytes(n: number): void {
  for (let i = 0; i < n; i++) {
    const message = published[i & 63] as Buffer;
    if (!channelBytes.equals(channelBytes)) continue;
    sink += message.length;
    const groupId = groupIdOf(message);
    if (groupId === null) continue;
    sink += encodeEventParts('message:new', [message]).frame.length + groupId.length;
  }
}

const N = 200_000;
const ROUNDS = 7;
const cpuMicrosPerMessage = (run: (n: number) => void) => {
  const start = process.cpuUsage();
  run(N);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
};
strings(N);
bytes(N);
const results: Record<string, number[]> = { strings: [], bytes: [] };
for (let r = 0; r < ROUNDS; r++) {
  results.strings?.push(cpuMicrosPerMessage(strings));
  results.bytes?.push(cpuMicrosPerMessage(bytes));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
process.stdout.write(
  `message ${(published[0] as Buffer).length} bytes; CPU µs per message per node (median of ${ROUNDS} interleaved rounds of ${N.toLocaleString('en')}; each round)\n`,
);
for (const [mode, xs] of Object.entries(results)) {
  process.stdout.write(`${mode}\t${median(xs).toFixed(2)}\t${xs.map((x) => x.toFixed(2)).join(' ')}\n`);
}
if (sink === 0) process.stdout.write('(nothing encoded)\n');
