import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { TestMember } from './member.js';
import { sleep } from './ports.js';

/**
 * Asks a socket event as the real client does: an answer of RATE_LIMITED is waited out (its `retryAfterMs`) and
 * asked again, until `deadlineMs` has passed. Any other answer, ok or not, is returned. A test that asked again at
 * once would collect refusals, and SOCKET_ABUSE_REFUSALS of them within 10 s get its socket disconnected as a
 * flood (every later ack then times out): polls of a costly event go through here, at a pace like
 * `intervalMs: 250`.
 */
export async function requestPaced<E extends ClientEventName>(
  m: TestMember,
  event: E,
  payload: ClientPayload<E>,
  deadlineMs = 15_000,
): Promise<Ack<ClientResult<E>>> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const ack = await m.transport.request(event, payload);
    if (ack.ok || ack.error.code !== 'RATE_LIMITED' || Date.now() > deadline) return ack;
    await sleep(ack.error.retryAfterMs ?? 1_000);
  }
}
