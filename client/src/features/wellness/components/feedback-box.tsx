import { useState, type FormEvent } from 'react';
import { describeFindings } from '@staffroom/shared/guards/privacy';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CrisisResources } from '../../../components/crisis-resources';
import { Field } from '../../../components/field';
import { useServerInfo } from '../../../app/server-info';
import { ApiError } from '../../../lib/api';
import { useOverLimit } from '../../../lib/use-over-limit';
import { CharCount } from '../../../components/char-count';
import { useIdentifyingFindings } from '../../../lib/use-identifying';
import { wellnessApi } from '../api/wellness-api';

/**
 * "Tell the coordinators anything about Staffroom": once a week, stored with no name and only the week. The
 * privacy guard warns while typing and the server asks again before keeping anything that looks identifying;
 * a comment that suggests the writer may be at risk brings the crisis contacts at once (the box is read weeks
 * later, in batches: it is no place to wait for help).
 */
/** The server's bound on a comment (trimmed), kept: a longer one is refused here until shortened. */
const COMMENT_MAX = 1_000;

export function FeedbackBox() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState(false);
  const [support, setSupport] = useState<SupportResource[] | null>(null);
  const findings = useIdentifyingFindings(text);
  const crisisResources = useServerInfo()?.crisisResources;
  const overLimit = useOverLimit(text, COMMENT_MAX);
  /** The contacts: those an answer brought, or for a comment refused over its limit that suggests risk. */
  const shownSupport = support ?? (overLimit.found?.risk ? (crisisResources ?? []) : null);

  const send = async (confirmIdentifying: boolean) => {
    if (!text.trim()) return setError('Write something first, or leave the box empty.');
    // Too long to send, and the server will not read it: the crisis guard reads all of it here instead, so words
    // that suggest risk at the end of a long paste still bring the contacts.
    const refused = overLimit.refuse();
    if (refused) return setError(refused);
    setBusy(true);
    setError(null);
    try {
      const result = await wellnessApi.leaveFeedback(text.trim(), confirmIdentifying);
      setSupport(result.support ?? null);
      setSent(true);
      setText('');
    } catch (err) {
      // No answer may hide the contacts (the privacy question, "already this week"): the writer may go no further.
      setSupport(err instanceof ApiError ? (err.support ?? null) : null);
      if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED') {
        setConfirming(true);
        setError(`${err.message} Coordinators will read it. Reword it, or send it anyway.`);
      } else setError(err instanceof Error ? err.message : 'Could not send. Try again.');
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };

  // Contacts that came with an answer: shown before and after sending alike.
  const supportPanel = shownSupport && (
    <section className="panel" aria-labelledby="feedback-support">
      <h3 id="feedback-support">If you are struggling, you do not have to wait</h3>
      <p>
        This box is read weeks from now, with other comments, and nobody can answer you from it. These people
        can, today:
      </p>
      <CrisisResources resources={shownSupport} />
    </section>
  );

  if (sent)
    return (
      <>
        <Status tone="success">Thank you. Coordinators will read it with others, never alone.</Status>
        {supportPanel}
      </>
    );
  return (
    <form onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      {supportPanel}
      <Field
        label="Tell the coordinators anything about Staffroom"
        hint={
          findings.length > 0
            ? `This may identify someone: ${describeFindings(findings)}. Kept without your name, with only the week; please do not name yourself or others.`
            : 'Kept without your name, with only the week. Coordinators see comments only once at least five have come in, together. Please do not name yourself or others.'
        }
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            // No maxLength: it would cut a pasted comment silently, before the crisis check reads its end.
            value={text}
            aria-invalid={overLimit.over > 0 || undefined}
            onChange={(e) => {
              setText(e.target.value);
              setConfirming(false);
            }}
          />
        )}
      </Field>
      <CharCount limit={overLimit} />
      <div className="pulse-form__actions">
        <Button type="submit" busy={busy && !confirming} busyLabel="Sending…">
          Send anonymously
        </Button>
        {confirming && (
          <Button variant="secondary" busy={busy} busyLabel="Sending…" onClick={() => void send(true)}>
            Send anyway
          </Button>
        )}
      </div>
    </form>
  );
}
