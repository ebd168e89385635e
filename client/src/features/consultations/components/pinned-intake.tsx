import type { ConversationView } from '@staffroom/shared/schemas/consultations';
import { kindText } from '../model/labels';
import { IntakeFacts } from './intake-facts';

/**
 * The request's structured intake, pinned at the top of the conversation for both parties so nobody asks twice.
 * A native disclosure: collapsible with the keyboard, announced as expanded or collapsed. Never school or
 * district. The note is opened here, in the browser: it is kept with the conversation sealed between the two.
 */
export function PinnedIntake({
  view,
  note,
}: {
  view: ConversationView;
  /** The opened note: undefined when there is none here, null when it cannot be opened. */
  note?: string | null | undefined;
}) {
  const intake = view.intake;
  const teacher = view.role === 'teacher';
  return (
    <details className="pinned-intake panel" open>
      <summary className="pinned-intake__summary">
        {teacher ? 'What you asked for' : 'What they asked for'}: {kindText(view.kind)}
      </summary>
      {intake?.urgent && !teacher && (
        <p className="pinned-intake__urgent">
          <strong>Marked urgent</strong>: the teacher’s own browser found signs of risk in their intake note.
          Check in with them soon, and kindly; the crisis protocol appears here if a message signals risk.
        </p>
      )}
      {intake?.noteNotPassedOn && intake.notePending && (
        <p className="pinned-intake__note-lost">
          {teacher
            ? 'A coordinator matched you by hand, so your consultant does not have the note you wrote with your request yet. This browser passes it on to them now, sealed so only the two of you can read it.'
            : 'The teacher wrote a note with their request. A coordinator matched you by hand, so it reaches you when the teacher next opens this conversation: their browser seals it for you.'}
        </p>
      )}
      {intake?.noteNotPassedOn && !intake.notePending && (
        <p className="pinned-intake__note-lost">
          {teacher
            ? 'A coordinator matched you by hand, so the note you wrote with your request did not reach your consultant (it was sealed only for the consultants it could be offered to). Tell them here whatever you would like them to know.'
            : 'The teacher wrote a note with their request, but a coordinator matched you by hand, so it never reached you. They may tell you here.'}
        </p>
      )}
      {intake ? <IntakeFacts intake={intake} className="pinned-intake__facts" /> : null}
      {note !== undefined && (
        <figure className="offer__note pinned-intake__note">
          <figcaption className="offer__note-label">
            {teacher ? 'Your note' : 'Their note'}{' '}
            <span className="pinned-intake__sealed">(encrypted: only the two of you)</span>
          </figcaption>
          {note !== null ? (
            <blockquote className="offer__quote">{note}</blockquote>
          ) : (
            <p className="offer__note-pending">
              The note cannot be opened with the keys on this device (a key was replaced since it was
              written).
            </p>
          )}
        </figure>
      )}
      {intake ? null : (
        <p className="pinned-intake__none">This conversation began before the request was kept with it.</p>
      )}
    </details>
  );
}
