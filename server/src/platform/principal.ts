import type { Role } from '@staffroom/shared/schemas/accounts';

/** Who is acting: resolved from the session cookie for every request and at every socket handshake. */
export interface Principal {
  accountId: string;
  /** Public session id; also the socket room that ending the session disconnects. */
  sessionId: string;
  tokenHash: string;
  pseudonym: string;
  role: Role;
}
