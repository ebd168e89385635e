import { useRef, useState, type FormEvent } from 'react';
import { GROUP_LIMITS } from '@staffroom/shared/limits';
import {
  TOPICS,
  TOPIC_LABELS,
  type CreateGroupBody,
  type GroupDetail,
  type Topic,
  type Visibility,
} from '@staffroom/shared/schemas/groups';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { SelectField } from '../../../components/select-field';
import { ApiError } from '../../../lib/api';

type Errors = Partial<Record<'name' | 'guidelines' | 'form', string>>;

export interface GroupFormProps {
  /** Editing this group; absent: a new group. */
  group?: GroupDetail;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (body: Required<CreateGroupBody>) => Promise<void>;
}

export const DEFAULT_GUIDELINES =
  'Be kind: everyone here is a colleague having a hard time or helping one.\n' +
  'What is said here stays here.\n' +
  'Do not name students, colleagues, parents or schools.\n' +
  'Listen first; offer ideas, not judgement.';

/** A group's name, topic, description, guidelines and visibility (coordinators only). */
export function GroupForm({ group, submitLabel, busyLabel, onSubmit }: GroupFormProps) {
  const [name, setName] = useState(group?.name ?? '');
  const [topic, setTopic] = useState<Topic>(group?.topic ?? 'general');
  const [description, setDescription] = useState(group?.description ?? '');
  const [guidelines, setGuidelines] = useState(group?.guidelines ?? DEFAULT_GUIDELINES);
  const [visibility, setVisibility] = useState<Visibility>(group?.visibility ?? 'listed');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const guidelinesInput = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {
      ...(name.trim() ? {} : { name: 'Give the group a name.' }),
      ...(guidelines.trim() ? {} : { guidelines: 'Every group needs guidelines that members accept.' }),
    };
    setErrors(found);
    if (found.name) return nameInput.current?.focus();
    if (found.guidelines) return guidelinesInput.current?.focus();
    setBusy(true);
    try {
      await onSubmit({
        name: name.trim(),
        topic,
        description: description.trim(),
        guidelines: guidelines.trim(),
        visibility,
      });
      if (!group) {
        setName('');
        setDescription('');
        setGuidelines(DEFAULT_GUIDELINES);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : 'The group could not be saved.';
      if (err instanceof ApiError && (err.field === 'name' || err.field === 'guidelines')) {
        setErrors({ [err.field]: message });
      } else setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={submit}>
      {errors.form && <Alert title="Nothing was saved">{errors.form}</Alert>}
      <Field label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            ref={nameInput}
            className="input"
            name="name"
            autoComplete="off"
            maxLength={GROUP_LIMITS.nameMax}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <SelectField
        label="Topic"
        name="topic"
        value={topic}
        options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))}
        onChange={setTopic}
      />
      <Field label="Description" optional hint="One or two sentences: who the group is for.">
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            name="description"
            rows={2}
            maxLength={GROUP_LIMITS.descriptionMax}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Guidelines"
        hint="Members read and accept these before joining. Changing them asks everyone new to accept again."
        error={errors.guidelines}
      >
        {(control) => (
          <textarea
            {...control}
            ref={guidelinesInput}
            className="input textarea"
            name="guidelines"
            rows={5}
            maxLength={GROUP_LIMITS.guidelinesMax}
            value={guidelines}
            onChange={(e) => setGuidelines(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="choices">
        <legend className="field__label">Who can find it</legend>
        <label className="choice">
          <input
            type="radio"
            name="visibility"
            value="listed"
            checked={visibility === 'listed'}
            onChange={() => setVisibility('listed')}
          />
          <span>
            <strong>Listed</strong>: every member can find and join it.
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="visibility"
            value="invite-only"
            checked={visibility === 'invite-only'}
            onChange={() => setVisibility('invite-only')}
          />
          <span>
            <strong>Invite only</strong>: hidden; people join with the group’s code.
          </span>
        </label>
      </fieldset>
      <Button type="submit" busy={busy} busyLabel={busyLabel}>
        {submitLabel}
      </Button>
    </form>
  );
}
