import { useState } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ConversationView } from '@staffroom/shared/schemas/consultations';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { actionErrorText } from '../model/conversation-room';

type Asking = 'propose' | 'end' | 'end-pair' | 'confirm' | 'block' | null;

interface Question {
  title: string;
  confirmLabel: string;
  action: () => Promise<Ack<unknown>>;
  text: string;
}

/**
 * Tapering off and ending: the consultant proposes, the teacher confirms (a teacher can end it directly); and
 * blocking, which ends it at once and means the two are never matched again. A reciprocal pair is two teachers,
 * peers: either ends it directly, for both.
 */
export function ClosingPanel({
  view,
  onProposeClose,
  onConfirmClose,
  onBlock,
}: {
  view: ConversationView;
  onProposeClose: () => Promise<Ack<unknown>>;
  onConfirmClose: () => Promise<Ack<unknown>>;
  onBlock: () => Promise<Ack<unknown>>;
}) {
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const peer = view.peer.name;
  const teacher = view.role === 'teacher';
  const pair = view.reciprocal !== null;

  const run = async (action: () => Promise<Ack<unknown>>) => {
    setBusy(true);
    setProblem(null);
    const ack = await action();
    setBusy(false);
    setAsking(null);
    if (!ack.ok) setProblem(actionErrorText(ack.error));
  };

  if (view.status === 'closed') return null;

  const readOnly =
    'The conversation becomes read-only for both of you. You will be asked for anonymous feedback, and you can ask for support again whenever you like.';
  /** What each question asks, and what answering yes does. */
  const dialogs: Record<NonNullable<Asking>, Question> = {
    end: {
      title: 'End the support?',
      confirmLabel: 'End the support',
      action: onConfirmClose,
      text: readOnly,
    },
    'end-pair': {
      title: 'End the pairing?',
      confirmLabel: 'End the pairing',
      action: onConfirmClose,
      text: `The conversation becomes read-only for both of you, and ${peer} is told it has ended. You can opt in to reciprocal mentorship again whenever you like.`,
    },
    confirm: {
      title: 'Confirm the end?',
      confirmLabel: 'Confirm the end',
      action: onConfirmClose,
      text: readOnly,
    },
    propose: {
      title: 'Propose to taper off and end?',
      confirmLabel: 'Propose the end',
      action: onProposeClose,
      text: `${peer} is asked to confirm. Until they do, you can both keep talking. Once they confirm, the conversation becomes read-only.`,
    },
    block: {
      title: `Block ${peer}?`,
      confirmLabel: `Block ${peer}`,
      action: onBlock,
      text: `The conversation ends at once and becomes read-only, and you two are never matched again.${teacher ? ' You can then ask for support again, with another consultant.' : ''}`,
    },
  };
  const dialog = asking ? dialogs[asking] : null;

  return (
    <section className="side-card" aria-labelledby="ending-title">
      <h2 id="ending-title" className="side-card__title">
        {pair ? 'Ending the pairing' : 'Ending the support'}
      </h2>
      {problem && <Alert>{problem}</Alert>}
      {pair && (
        <>
          <p>
            Either of you can end the pairing when you have learnt what you hoped to. It ends for both of you,
            and the conversation stays here to read.
          </p>
          <Button variant="secondary" onClick={() => setAsking('end-pair')}>
            End the pairing
          </Button>
        </>
      )}
      {!pair && view.status === 'active' && teacher && (
        <>
          <p>When your needs are met, you can end the support. The conversation stays here to read.</p>
          <Button variant="secondary" onClick={() => setAsking('end')}>
            End the support
          </Button>
        </>
      )}
      {!pair && view.status === 'active' && !teacher && (
        <>
          <p>When the goals are met, propose to taper off and end. {peer} confirms when they are ready.</p>
          <Button variant="secondary" onClick={() => setAsking('propose')}>
            Propose to taper off and end
          </Button>
        </>
      )}
      {!pair && view.status === 'closing' && !teacher && (
        <p>
          You proposed to taper off and end. Waiting for {peer} to confirm; you can keep talking meanwhile.
        </p>
      )}
      {!pair && view.status === 'closing' && teacher && (
        <>
          <p>{peer} proposed to taper off and end. Confirm when you are ready, or keep talking if not.</p>
          <Button onClick={() => setAsking('confirm')}>Confirm the end</Button>
        </>
      )}
      <div className="side-card__quiet">
        <Button variant="quiet" className="button--quiet-danger" onClick={() => setAsking('block')}>
          Block {peer}
        </Button>
      </div>

      {dialog && (
        <ConfirmDialog
          key={asking}
          title={dialog.title}
          confirmLabel={dialog.confirmLabel}
          busy={busy}
          onConfirm={() => void run(dialog.action)}
          onCancel={() => setAsking(null)}
        >
          <p>{dialog.text}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
