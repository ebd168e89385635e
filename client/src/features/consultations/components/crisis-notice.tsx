import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { Button } from '../../../components/button';
import { CrisisResources } from '../../../components/crisis-resources';
import { Modal } from '../../../components/modal';
import type { CrisisNotice } from '../model/crisis-check';

/** Said whatever the deployment configured: the resources may still be loading, or none may be set. */
const EMERGENCY = 'If someone is in immediate danger, call your local emergency number now.';

/**
 * Shown only to the writer, after a one-to-one message or an intake note that suggests risk (`self`) or concern
 * for someone else (`other`). The text was still sent: this adds to it, it never holds it back.
 */
export function CrisisNoticeDialog({
  notice,
  resources,
  sent,
  onClose,
}: {
  notice: Exclude<CrisisNotice, null>;
  resources: readonly SupportResource[];
  /** What happened to the text, in words ("Your message was sent to Mentor."). */
  sent: string;
  onClose: () => void;
}) {
  const self = notice === 'self';
  return (
    <Modal
      title={self ? 'You don’t have to carry this alone' : 'How to help someone who may be at risk'}
      description={
        self ? (
          <p>
            {sent} This note is only for you: if things feel heavy right now, these people are there to
            listen, in confidence, at any hour.
          </p>
        ) : (
          <>
            <p>{sent} This note is only for you.</p>
            <ul>
              <li>Stay with them, or stay in touch, and listen without judging.</li>
              <li>
                Ask directly whether they are thinking about suicide: asking does not put the idea there.
              </li>
              <li>Share these contacts with them, and offer to make the call together.</li>
              <li>Follow your school’s or district’s safeguarding procedure, and look after yourself too.</li>
            </ul>
          </>
        )
      }
      onClose={onClose}
      actions={
        <Button data-autofocus="" onClick={onClose}>
          Close
        </Button>
      }
    >
      <CrisisResources resources={resources} />
      <p className="aside">{EMERGENCY}</p>
    </Modal>
  );
}

/** What the consultant's banner is about: a message, a goal or a check-in's note from the teacher. */
export type RiskSubject = 'message' | 'goal' | 'note';

const SUBJECT_WORDS: Record<RiskSubject, string> = {
  message: 'message',
  goal: 'goal',
  note: 'check-in note',
};

/**
 * The consultant's discreet banner when something the teacher wrote (a message, a goal, a check-in's note) may
 * signal that they are at risk (`self`), or that someone they know is (`other`). The check ran in this browser;
 * the server was told nothing. Collapsed by default: the conversation carries on around it.
 */
export function RiskBanner({
  resources,
  onHide,
  subject = 'message',
  kind = 'self',
}: {
  resources: readonly SupportResource[];
  onHide: () => void;
  subject?: RiskSubject;
  kind?: Exclude<CrisisNotice, null>;
}) {
  const what = SUBJECT_WORDS[subject];
  return (
    <section className="risk-banner" aria-labelledby="risk-banner-title">
      <p id="risk-banner-title" className="risk-banner__title">
        {kind === 'self'
          ? `This ${what} may signal risk — here is the protocol`
          : `This ${what} may signal that someone they know is at risk — here is the protocol`}
      </p>
      <details className="risk-banner__details">
        <summary>Show the protocol and the contacts</summary>
        {kind === 'self' ? (
          <ol className="risk-banner__steps">
            <li>Stay with them: keep the conversation going, and listen without judging.</li>
            <li>Ask directly whether they are thinking about suicide or of harming themself.</li>
            <li>Share the contacts below, and encourage them to call now; offer to stay while they do.</li>
            <li>Follow the district’s procedure for a member at risk, and tell your coordinator.</li>
          </ol>
        ) : (
          <ol className="risk-banner__steps">
            <li>Ask what they know, and whether that person is safe right now.</li>
            <li>
              Help them help: stay with the person, ask directly about suicide, and offer to make the call
              together. Share the contacts below.
            </li>
            <li>Follow the district’s safeguarding procedure, and tell your coordinator.</li>
            <li>Ask how they are coping themself: this is heavy to carry.</li>
          </ol>
        )}
        <CrisisResources resources={resources} />
        <p className="aside">{EMERGENCY}</p>
        <p className="aside">
          Only your browser checked this {what}: nothing about it was sent to Staffroom, and nobody else was
          told.
        </p>
      </details>
      <Button variant="secondary" className="risk-banner__hide" onClick={onHide}>
        Hide
      </Button>
    </section>
  );
}
