import { Button } from '../../components/button';
import { useConnectionState, type ConnectionState } from '../../lib/socket';

const TEXT: Record<ConnectionState, string> = {
  idle: '',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  outdated: 'Please reload the page',
};

/**
 * Connected / reconnecting / offline, announced politely when it changes. The live region is always in the
 * page (empty while logged out) so screen readers pick up its first change.
 */
export function ConnectionStatus() {
  const state = useConnectionState();
  return (
    <div className={`connection connection--${state}`}>
      <p role="status" aria-live="polite" className="connection__text">
        {state !== 'idle' && (
          <>
            <span className="connection__dot" aria-hidden="true" />
            <span className="visually-hidden">Connection: </span>
            {TEXT[state]}
          </>
        )}
      </p>
      {state === 'outdated' && (
        <Button variant="quiet" className="connection__reload" onClick={() => location.reload()}>
          Reload
        </Button>
      )}
    </div>
  );
}
