import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { deliverIntakeNote } from '../api/intake-notes';
import { supportApi } from '../api/support-api';
import { IntakeForm } from '../components/intake-form';
import { crisisNotice } from '../model/crisis-check';
import { UnlockKeys } from '../components/unlock-keys';
import { useKeys } from '../keys/key-store';
import type { Viewer } from '../model/viewer';
import '../consultations.css';

/** `/support/ask`: the teacher's intake. The note is sealed here, on this device, before it goes anywhere. */
export function AskSupportPage({ viewer }: { viewer: Viewer }) {
  const navigate = useNavigate();
  const keys = useKeys(viewer);
  const identity = keys.status === 'ready' ? keys.identity : null;
  return (
    <div className="support-narrow">
      <PageTitle documentTitle="Ask for support">Ask for support</PageTitle>
      <p className="lead">
        A few questions, so we can offer your request to a consultant who has taught what you teach. It is
        voluntary, confidential and never evaluative: nothing here reaches your principal or an evaluator.
      </p>
      {!identity && (
        <>
          <p>
            Your note to the consultant is encrypted on this device with your private key, so that only the
            consultant it is offered to can read it. Unlock your key to add a note, or ask without one.
          </p>
          <UnlockKeys viewer={viewer} keys={keys} />
        </>
      )}
      <IntakeForm
        noteSealed={identity !== null}
        onSubmit={async ({ note, ...body }) => {
          if (note && !identity) {
            throw new Error('Unlock your private key above to send your note encrypted, or remove the note.');
          }
          // Checked here, before the note is sealed: the server only learns "urgent", never why.
          const crisis = note ? crisisNotice(note) : null;
          const { request } = await supportApi.ask({
            ...body,
            hasNote: note !== '',
            urgent: crisis === 'self',
          });
          let sealed = true;
          if (note && identity) {
            // If this fails (the connection dropped), the request stands and says so; the note is not sent.
            sealed = await deliverIntakeNote(identity, { requestId: request.id, note }).then(
              () => true,
              () => false,
            );
          }
          navigate(paths.support.getHref(), {
            state: {
              crisis,
              notice: !sealed
                ? 'Your request is in, but your note could not be sent. Withdraw and ask again to include it.'
                : request.status === 'offered'
                  ? 'Your request is in, and has been offered to a consultant who fits.'
                  : 'Your request is in. It goes to the first consultant who fits and has room.',
            },
          });
        }}
      />
      <p className="aside">
        <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
      </p>
    </div>
  );
}
