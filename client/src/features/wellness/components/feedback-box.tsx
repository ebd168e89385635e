import { useState, type FormEvent } from 'react';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { wellnessApi } from '../api/wellness-api';

/** "Tell the coordinators anything about Staffroom": once a week, stored with no name and only the week. */
export function FeedbackBox() {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write something first, or leave the box empty.');
    setBusy(true);
    setError(null);
    try {
      await wellnessApi.leaveFeedback(text.trim());
      setSent(true);
      setText('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not send. Try again.');
    } finally {
      setBusy(false);
    }
  };

  if (sent)
    return <Status tone="success">Thank you. Coordinators will read it with others, never alone.</Status>;
  return (
    <form onSubmit={(e) => void submit(e)}>
      {error && <Alert>{error}</Alert>}
      <Field
        label="Tell the coordinators anything about Staffroom"
        hint="Kept without your name, with only the week. Coordinators see comments only once at least five have come in, together. Please do not name yourself or others."
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" busy={busy} busyLabel="Sending…">
        Send anonymously
      </Button>
    </form>
  );
}
