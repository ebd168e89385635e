import { useCallback, useEffect, useState } from 'react';
import type { CareMessage } from '@staffroom/shared/schemas/moderation';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CrisisResources } from '../../../components/crisis-resources';
import { Modal } from '../../../components/modal';
import { useServerInfo } from '../../../app/server-info';
import { useServerEvent } from '../../../lib/realtime';
import { useConnectionState } from '../../../lib/socket';
import { moderationApi } from '../api/moderation-api';
import './care-inbox.css';

/**
 * Private messages from a group's moderation team to this member (they may be going through something hard).
 * Shown one at a time, oldest first, wherever the member is in the app; each stays until the member says they
 * have read it, on any device.
 */
export function CareInbox() {
  const [messages, setMessages] = useState<CareMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Put aside with Escape or "Later": shown again on the next visit, since it is still unread. */
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const connection = useConnectionState();
  const resources = useServerInfo()?.crisisResources ?? [];

  const load = useCallback(() => {
    moderationApi.careInbox().then(
      (list) => setMessages(list),
      () => undefined, // tried again on the next connection; a live message still arrives meanwhile
    );
  }, []);
  useEffect(() => {
    if (connection === 'connected') load();
  }, [connection, load]);
  useServerEvent('care:message', (m) =>
    setMessages((current) => (current.some((c) => c.id === m.id) ? current : [...current, m])),
  );

  const first = messages.find((m) => !later.has(m.id));
  if (!first) return null;
  const read = async () => {
    setBusy(true);
    setError(null);
    try {
      await moderationApi.careRead(first.id);
      setMessages((current) => current.filter((m) => m.id !== first.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      key={first.id}
      title="A message for you from the moderators"
      description={
        <p>
          From the moderation team of {first.groupName || 'one of your groups'}. Only you can see it; nobody
          in the group does.
        </p>
      }
      onClose={() => setLater((current) => new Set(current).add(first.id))}
      actions={
        <>
          <Button variant="secondary" onClick={() => setLater((current) => new Set(current).add(first.id))}>
            Later
          </Button>
          <Button data-autofocus busy={busy} busyLabel="Saving…" onClick={() => void read()}>
            I have read it
          </Button>
        </>
      }
    >
      <blockquote className="care-message">
        <p className="care-message__text">{first.text}</p>
      </blockquote>
      {resources.length > 0 && (
        // The moderators reach out because someone may be at risk: the deployment's contacts go with it, to tap,
        // folded so the moderators' own words stay first on a phone; one tap opens them.
        <details className="care-message__help">
          <summary className="care-message__help-title">Someone to talk to now, in confidence</summary>
          <CrisisResources resources={resources} />
        </details>
      )}
      {error && <Alert title="Not saved">{error}</Alert>}
    </Modal>
  );
}
