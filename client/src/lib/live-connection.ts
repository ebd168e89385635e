import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { onServerEvent, request } from './realtime';
import { getConnectionState, onConnectionStateChange } from './socket';

const NOT_CONNECTED: Ack<never> = {
  ok: false,
  error: { code: ErrorCode.UNAVAILABLE, message: 'Not connected to Staffroom right now.' },
};

const usable = () => getConnectionState() === 'connected';

/**
 * The app's socket for the live rooms, groups' and conversations'. Nothing is emitted while the connection is
 * not usable: socket.io would buffer the emit and send it on reconnect after its ack had already timed out, so a
 * resend could race a stale copy. Instead the room keeps the message pending and sends it (same client id) once
 * connected. It is the `RoomConnection` of a group and the `ConvoConnection` of a conversation.
 */
export const liveConnection = {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>> {
    return usable() ? request(event, payload) : Promise.resolve(NOT_CONNECTED);
  },
  isConnected: usable,
  on: onServerEvent,
  /** Calls `handler` with `true` when the connection becomes usable again and `false` when it is lost. */
  onConnectionChange(handler: (connected: boolean) => void): () => void {
    let was = usable();
    return onConnectionStateChange(() => {
      const now = usable();
      if (now !== was) {
        was = now;
        handler(now);
      }
    });
  },
};
