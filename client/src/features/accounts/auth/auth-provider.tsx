import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '@staffroom/shared/schemas/accounts';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { ApiError, setUnauthenticatedHandler } from '../../../lib/api';
import { request } from '../../../lib/realtime';
import { onSessionLost, socket, startRealtime, stopRealtime, type SessionLoss } from '../../../lib/socket';
import { accountsApi } from '../api/accounts-api';
import { AuthContext, type AuthContextValue, type AuthNotice, type AuthStatus } from './auth-context';

/**
 * Closes the socket first, so this tab's own logout does not come back as "ended elsewhere", then asks the
 * server. A failure (offline) reconnects and throws: the user must not believe they are logged out when not.
 */
async function endSessions(call: () => Promise<unknown>): Promise<void> {
  stopRealtime();
  try {
    await call();
  } catch (err) {
    if (err instanceof ApiError && err.code === ErrorCode.UNAUTHENTICATED) return;
    startRealtime();
    throw err;
  }
}

const LOSS_NOTICE: Record<SessionLoss, AuthNotice> = {
  'logged-out': { tone: 'info', text: 'You have been logged out.' },
  'logged-out-everywhere': {
    tone: 'info',
    text: 'You were logged out on every device. Log in again to continue.',
  },
  revoked: { tone: 'info', text: 'This session was ended from another device. Log in again to continue.' },
  expired: { tone: 'info', text: 'Your session has expired. Log in again to continue.' },
  'passphrase-changed': {
    tone: 'info',
    text: 'Your passphrase was changed on another device. Log in with the new passphrase to continue.',
  },
  unauthenticated: { tone: 'info', text: 'Your session has ended. Log in again to continue.' },
  'account-erased': { tone: 'info', text: 'This account has been erased. Nothing of it is kept.' },
};

/**
 * Knows who is logged in. Asks `/api/session` once at start, keeps the socket connected while logged in, and
 * returns to "anonymous" with a notice when the session ends: a 401 from any request, or `session:ended`.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<AuthNotice | null>(null);

  const signedIn = useCallback((next: Me) => {
    setMe(next);
    setNotice(null);
    setStatus('authenticated');
  }, []);

  const signedOut = useCallback((why: AuthNotice | null) => {
    stopRealtime();
    setMe(null);
    setNotice(why);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    let cancelled = false;
    accountsApi.session().then(
      ({ me: current }) => {
        if (cancelled) return;
        if (current) signedIn(current);
        else signedOut(null);
      },
      (err: unknown) => {
        if (cancelled) return;
        const unreachable = err instanceof ApiError && err.code !== ErrorCode.UNAUTHENTICATED;
        signedOut(unreachable ? { tone: 'error', text: err.message } : null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [signedIn, signedOut]);

  useEffect(() => {
    setUnauthenticatedHandler(() => signedOut(LOSS_NOTICE.unauthenticated));
    const unsubscribe = onSessionLost((loss) => signedOut(LOSS_NOTICE[loss]));
    return () => {
      setUnauthenticatedHandler(null);
      unsubscribe();
    };
  }, [signedOut]);

  useEffect(() => {
    if (status !== 'authenticated') return;
    // On every (re)connection, refresh who we are: a role may have changed while we were away.
    const refresh = async () => {
      const ack = await request('me:get', {});
      if (ack.ok) setMe(ack.data);
    };
    socket.on('connect', refresh);
    startRealtime();
    return () => {
      socket.off('connect', refresh);
    };
  }, [status]);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      me,
      notice,
      signedIn,
      async logOut() {
        await endSessions(accountsApi.logOut);
        signedOut({ tone: 'info', text: 'You have logged out. See you soon.' });
      },
      async logOutEverywhere() {
        await endSessions(accountsApi.logOutEverywhere);
        signedOut({ tone: 'info', text: 'You have logged out on every device.' });
      },
      accountErased: () => signedOut(LOSS_NOTICE['account-erased']),
    }),
    [status, me, notice, signedIn, signedOut],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
