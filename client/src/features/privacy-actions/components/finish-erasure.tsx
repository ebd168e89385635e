import { useState } from 'react';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { deriveSecrets } from '../../../lib/passphrase-secrets';
import { privacyApi } from '../api/privacy-api';

/**
 * On the log-in page, when an erasure of this account was interrupted: the owner finishes it with the pseudonym
 * and passphrase just typed (proven as a log-in is). The erasure keeps the choice made when it started.
 */
export function FinishErasure({ pseudonym, passphrase }: { pseudonym: string; passphrase: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);

  const finish = async () => {
    setState('busy');
    setError(null);
    try {
      const { authSecret } = await deriveSecrets(pseudonym, passphrase);
      await privacyApi.erase({ pseudonym, authSecret });
      setState('done');
    } catch (err) {
      setState('idle');
      setError(err instanceof Error ? err.message : 'It could not be finished. Try again.');
    }
  };

  if (state === 'done')
    return <Status tone="success">Your account has been erased. Nothing of it is kept.</Status>;
  return (
    <div className="actions">
      {error && <Alert>{error}</Alert>}
      <Button variant="danger" busy={state === 'busy'} busyLabel="Erasing…" onClick={() => void finish()}>
        Finish erasing my account
      </Button>
    </div>
  );
}
