import { useEffect, useState } from 'react';
import type { Offer } from '@staffroom/shared/schemas/consultations';
import type { Identity } from '../../../lib/e2e-crypto';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useNow } from '../hooks/use-conversation-room';
import { formatTimeLeft } from '../model/format';
import { openIntakeNote } from '../model/intake-seal';
import { IntakeFacts } from './intake-facts';

/**
 * A request offered to this consultant: the teacher's intake (never their school or district), why it came to
 * them, and how long they have to answer before it passes to the next consultant.
 */
export function OfferCard({
  offer,
  onAccept,
  onDecline,
  identity,
}: {
  offer: Offer;
  /** This consultant's unlocked key, to open the note sealed to them; null while locked. */
  identity: Identity | null;
  onAccept: () => Promise<void>;
  onDecline: () => Promise<void>;
}) {
  const now = useNow(true, 30_000);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = `offer-${offer.requestId}`;
  const note = useOpenedNote(offer, identity);

  const run = async (which: 'accept' | 'decline', action: () => Promise<void>) => {
    setBusy(which);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(null);
      setDeclining(false);
    }
  };

  return (
    <article className="offer" aria-labelledby={titleId}>
      <header className="offer__head">
        <h3 id={titleId} className="offer__title">
          Request from {offer.teacher}
        </h3>
        <p className="offer__time">
          {offer.expiresAt > now
            ? `Answer within ${formatTimeLeft(offer.expiresAt, now)}`
            : 'Time is up: passing to the next consultant'}
        </p>
      </header>
      {offer.urgent && (
        <p className="offer__urgent">
          Marked urgent: the teacher’s note may signal risk. Please answer first, or decline at once so it
          moves on.
        </p>
      )}
      <p className="offer__match">
        <span className="offer__match-label">Matched on:</span> {offer.matchedOn || 'availability'}
      </p>
      <IntakeFacts intake={offer} kind={offer.kind} />
      {offer.noteState !== 'none' && (
        <figure className="offer__note">
          <figcaption className="offer__note-label">Their note</figcaption>
          {note.text !== null ? (
            <blockquote className="offer__quote">{note.text}</blockquote>
          ) : (
            <p className="offer__note-pending">{note.why}</p>
          )}
        </figure>
      )}
      {error && <Alert title="Not answered">{error}</Alert>}
      <div className="actions">
        <Button busy={busy === 'accept'} busyLabel="Accepting…" onClick={() => void run('accept', onAccept)}>
          Accept and start the conversation
        </Button>
        <Button variant="secondary" onClick={() => setDeclining(true)}>
          Decline
        </Button>
      </div>
      {declining && (
        <ConfirmDialog
          title="Decline this request?"
          confirmLabel="Decline request"
          busy={busy === 'decline'}
          onConfirm={() => void run('decline', onDecline)}
          onCancel={() => setDeclining(false)}
        >
          <p>It passes at once to the next consultant who fits. {offer.teacher} is not told who declined.</p>
        </ConfirmDialog>
      )}
    </article>
  );
}

/** The offer's note, opened here with this consultant's key; or why it cannot be shown (yet). */
function useOpenedNote(offer: Offer, identity: Identity | null): { text: string | null; why: string } {
  const [opened, setOpened] = useState<{ key: string; text: string | null } | null>(null);
  const { note, teacherPublicKey, requestId } = offer;
  const key = note ? `${requestId} ${note.iv}` : '';
  useEffect(() => {
    if (!note || !teacherPublicKey || !identity) return;
    let live = true;
    openIntakeNote(identity, teacherPublicKey, requestId, note).then(
      (text) => live && setOpened({ key, text }),
      () => live && setOpened({ key, text: null }),
    );
    return () => {
      live = false;
    };
  }, [note, teacherPublicKey, requestId, identity, key]);

  if (offer.noteState === 'no-key')
    return {
      text: null,
      why: 'The teacher wrote a note, encrypted for each consultant. Set up your private key (open any conversation, or log in again) and it arrives when the teacher next opens Staffroom.',
    };
  if (offer.noteState === 'pending')
    return {
      text: null,
      why: 'The teacher wrote a note. It is encrypted on their device, so it arrives when the teacher next opens Staffroom.',
    };
  if (!identity) return { text: null, why: 'Unlock your private key above to read the teacher’s note.' };
  if (opened?.key !== key) return { text: null, why: 'Opening the note…' };
  return opened.text === null
    ? { text: null, why: 'This note could not be opened with your key. It may have been altered.' }
    : { text: opened.text, why: '' };
}
