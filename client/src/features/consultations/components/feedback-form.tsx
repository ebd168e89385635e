import { ApiError } from '../../../lib/api';
import { useState, type FormEvent } from 'react';
import { K_MIN } from '@staffroom/shared/limits';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import type { FeedbackInput } from '../api/support-api';
import { ChoiceGroup } from './choice-group';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { CrisisResources } from '../../../components/crisis-resources';
import { useServerInfo } from '../../../app/server-info';
import { useOverLimit } from '../../../lib/use-over-limit';
import { CharCount } from '../../../components/char-count';

const HELPFULNESS = [
  { value: '1', label: '1 · Not helpful' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
  { value: '5', label: '5 · Very helpful' },
] as const;
const RECOMMEND = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;
const COMMENT_MAX = 1_000;

/**
 * The teacher's anonymous feedback after the support ended: stored with no account and no conversation, and
 * shown to coordinators only in totals of at least K_MIN answers.
 */
export function FeedbackForm({ onSubmit }: { onSubmit: (body: FeedbackInput) => Promise<void> }) {
  const [helpfulness, setHelpfulness] = useState<string | null>(null);
  const [recommend, setRecommend] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ helpfulness?: string; recommend?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  /** The comment the privacy guard asked about: sending it unchanged confirms it. */
  const [confirmComment, setConfirmComment] = useState<string | null>(null);
  /** Crisis contacts the privacy question carried (the comment suggests risk). */
  const [support, setSupport] = useState<SupportResource[] | null>(null);
  const crisisResources = useServerInfo()?.crisisResources;
  const overLimit = useOverLimit(comment, COMMENT_MAX);
  /** The contacts: the privacy question's, or for a comment refused over its limit that suggests risk. */
  const shownSupport = support ?? (overLimit.found?.risk ? (crisisResources ?? []) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = {
      ...(helpfulness ? {} : { helpfulness: 'Choose a number from 1 to 5.' }),
      ...(recommend ? {} : { recommend: 'Choose yes or no.' }),
    };
    // Not sent until shortened, and the server will not read it: the crisis guard reads all of it here.
    const refused = overLimit.refuse('the comment');
    if (refused) {
      setErrors({ ...found, form: refused });
      return;
    }
    setErrors(found);
    if (!helpfulness || !recommend) {
      const form = event.currentTarget as HTMLFormElement;
      form
        .querySelector<HTMLInputElement>(`input[name="${found.helpfulness ? 'helpfulness' : 'recommend'}"]`)
        ?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        helpfulness: Number(helpfulness),
        recommend: recommend === 'yes',
        comment: comment.trim(),
        ...(confirmComment === comment.trim() ? { confirmIdentifying: true } : {}),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PRIVACY_CONFIRM_REQUIRED') {
        // The question must not hide the contacts: the teacher may never send it anyway.
        setSupport(err.support ?? null);
        setConfirmComment(comment.trim());
        setErrors({ form: `${err.message} Edit the comment, or send it again as it is.` });
        setBusy(false);
        return;
      }
      setErrors({ form: err instanceof Error ? err.message : 'Your feedback was not sent. Try again.' });
      setBusy(false);
    }
  };

  return (
    <form className="form form--tight" noValidate onSubmit={(e) => void submit(e)}>
      {errors.form && <Alert title="Not sent">{errors.form}</Alert>}
      {shownSupport && (
        <section className="panel" aria-label="People you can reach today">
          <p>
            What you wrote suggests things feel very heavy. This feedback is anonymous and nobody can answer
            you from it. These people can, day and night:
          </p>
          <CrisisResources resources={shownSupport} />
        </section>
      )}
      <ChoiceGroup
        legend="How helpful was the support?"
        name="helpfulness"
        options={HELPFULNESS}
        value={helpfulness as (typeof HELPFULNESS)[number]['value'] | null}
        onChange={(v) => {
          setHelpfulness(v);
          setErrors((e) => ({ ...e, helpfulness: undefined }));
        }}
        error={errors.helpfulness}
      />
      <ChoiceGroup
        legend="Would you recommend it to a colleague?"
        name="recommend"
        options={RECOMMEND}
        value={recommend as 'yes' | 'no' | null}
        onChange={(v) => {
          setRecommend(v);
          setErrors((e) => ({ ...e, recommend: undefined }));
        }}
        error={errors.recommend}
      />
      <Field
        label="Anything else?"
        optional
        hint={`Shown to coordinators word for word, among at least ${K_MIN} answers. No names, please.`}
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            name="comment"
            rows={3}
            // No maxLength: it would cut a pasted comment silently, before the crisis check reads its end.
            value={comment}
            aria-invalid={overLimit.over > 0 || undefined}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
      </Field>
      <CharCount limit={overLimit} />
      <Button type="submit" busy={busy} busyLabel="Sending…">
        Send feedback
      </Button>
    </form>
  );
}
