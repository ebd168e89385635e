import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { REASON_LABELS } from '@staffroom/shared/schemas/consultations';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../config/paths';
import { deliverIntakeNote } from '../api/intake-notes';
import { supportApi } from '../api/support-api';
import { IntakeForm } from '../components/intake-form';
import { crisisNotice, preloadCrisisGuard, type CrisisNotice } from '../model/crisis-check';
import { CrisisNoticeDialog } from '../components/crisis-notice';
import { useServerInfo } from '../../../app/server-info';
import { reasonsFromFragment } from '../model/referral';
import { UnlockKeys } from '../components/unlock-keys';
import { useKeys } from '../keys/key-store';
import type { Viewer } from '../model/viewer';
import '../consultations.css';

/** `/support/ask`: the teacher's intake. The note is sealed here, on this device, before it goes anywhere. */
export function AskSupportPage({ viewer }: { viewer: Viewer }) {
  const navigate = useNavigate();
  const keys = useKeys(viewer);
  const identity = keys.status === 'ready' ? keys.identity : null;
  const location = useLocation();
  // A referral link's reasons, read once from the fragment (never sent to the server), then dropped from the
  // address bar so the link does not linger in this tab's history.
  const [referred] = useState(() => reasonsFromFragment(location.hash));
  /** What the note of a form that was not sent suggests (the same private notice as after sending). */
  const [unsentNotice, setUnsentNotice] = useState<CrisisNotice>(null);
  const crisisResources = useServerInfo()?.crisisResources ?? [];
  const hasFragment = location.hash !== '';
  useEffect(() => {
    if (hasFragment) navigate({ hash: '' }, { replace: true, state: location.state as unknown });
  }, [hasFragment, navigate, location.state]);
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
      {referred.length > 0 && (
        <section className="panel referral-note" aria-labelledby="referral-title">
          <h2 id="referral-title">Someone suggested this might help</h2>
          <p>
            The link you followed ticked {referred.length === 1 ? 'a reason' : 'some reasons'} for you:{' '}
            {referred.map((r) => REASON_LABELS[r].toLowerCase()).join('; ')}. Change them as you like. Only
            you can send this request, and whoever made the link is never told whether you did.
          </p>
        </section>
      )}
      <IntakeForm
        initialReasons={referred}
        noteSealed={identity !== null}
        onNoteWriting={preloadCrisisGuard}
        onNotSent={(note) =>
          void crisisNotice(note)
            .catch(() => null)
            .then(setUnsentNotice)
        }
        onSubmit={async ({ note, ...body }) => {
          if (note && !identity) {
            throw new Error('Unlock your private key above to send your note encrypted, or remove the note.');
          }
          // Checked here, before the note is sealed: the server only learns "urgent", never why.
          const crisis = note ? await crisisNotice(note) : null;
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
                  : request.waitingReason && request.waitingReason !== 'unavailable'
                    ? // Nobody can be offered it: say so, not "it goes to the first who has room".
                      'Your request is in. No consultant can be offered it yet; the coordinators can see that it is waiting.'
                    : 'Your request is in. It goes to the first consultant who fits and has room.',
            },
          });
        }}
      />
      <p className="aside">
        <Link to={paths.support.getHref()}>Back to one-to-one support</Link>
      </p>
      {unsentNotice && (
        <CrisisNoticeDialog
          notice={unsentNotice}
          resources={crisisResources}
          sent="Your request was not sent yet: the form says what is missing."
          onClose={() => setUnsentNotice(null)}
        />
      )}
    </div>
  );
}
