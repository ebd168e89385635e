import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { onServerEvent, request } from '../../../lib/realtime';
import { getConnectionState, onConnectionStateChange } from '../../../lib/socket';
import type { ConvoConnection } from '../model/conversation-room';

const NOT_CONNECTED: Ack<never> = {
  ok: false,
  error: { code: ErrorCode.UNAVAILABLE, message: 'Not connected to Staffroom right now.' },
};

const usable = () => getConnectionState() === 'connected';

/**
 * The app's socket for conversations. Nothing is emitted while the connection is down (socket.io would buffer
 * it and send it after its ack timed out); the room keeps the message and sends it, same client id, once back.
 */
export const convoConnection: ConvoConnection = {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>> {
    return usable() ? request(event, payload) : Promise.resolve(NOT_CONNECTED);
  },
  isConnected: usable,
  on: onServerEvent,
  onConnectionChange(handler) {
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
