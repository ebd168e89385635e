import { useCallback, useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import { retentionInWords, retentionPayloads } from '@staffroom/shared/schemas/retention';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { request } from '../../../lib/realtime';
import { useResource } from '../../../lib/use-resource';
import { ModerationError } from '../api/moderation-api';
import { ActionDialog } from './action-dialog';
import type { GroupTools } from './group-context';

const getRetention = async (groupId: string) => {
  const ack = await request('group:retention', { groupId });
  if (ack.ok) return ack.data;
  throw new ModerationError(ack.error.code, ack.error.message);
};
const setRetention = async (
  payload: ClientPayload<'mod:retention'>,
): Promise<ClientResult<'mod:retention'>> => {
  const ack = await request('mod:retention', payload);
  if (ack.ok) return ack.data;
  throw new ModerationError(ack.error.code, ack.error.message);
};

/** What the field accepts: whole days, at least 1, at most the deployment's maximum (the server checks again). */
const daysInput = (maxDays: number) =>
  z.coerce
    .number({ error: 'Enter a number of days.' })
    .int('Enter whole days.')
    .min(1, 'Keep messages at least 1 day.')
    .max(maxDays, `This Staffroom keeps messages at most ${maxDays} days.`)
    // And the wire's own rule, so the form never sends what the server would refuse.
    .pipe(retentionPayloads.set.shape.days.unwrap());

/**
 * How long this group keeps its messages (`mod:retention`): fewer days than the deployment's longest, or back to
 * it. Members see the result in the group's info. Kept apart from the posting settings.
 */
export function RetentionPanel({ tools }: { tools: GroupTools }) {
  const id = useId();
  const { groupId } = tools;
  const load = useCallback(() => getRetention(groupId), [groupId]);
  const { data, error, reload } = useResource(load);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (error) {
    return (
      <section className="mod-panel" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>How long messages are kept</h3>
        <Alert title="This setting could not be loaded">
          {error}{' '}
          <Button variant="quiet" onClick={reload}>
            Try again
          </Button>
        </Alert>
      </section>
    );
  }
  if (!data) return null;
  const longest = Math.floor(data.maxDays);
  const now = retentionInWords(data.days);

  const change = (days: number | null) =>
    tools.ask((close) => (
      <ActionDialog
        title={days === null ? 'Go back to the default?' : 'Change how long messages are kept?'}
        description={
          <p>
            {days === null
              ? `Messages in ${tools.groupName} will be kept for ${retentionInWords(data.maxDays)}, this Staffroom’s default.`
              : `Messages in ${tools.groupName} older than ${retentionInWords(days)} will be deleted for everyone, with their reactions, within the hour. This cannot be undone.`}
          </p>
        }
        tone={days !== null && days < data.days ? 'danger' : 'primary'}
        confirmLabel={days === null ? 'Use the default' : `Keep ${retentionInWords(days)}`}
        busyLabel="Saving…"
        onConfirm={async (reason) => {
          const next = await setRetention({ groupId, days, reason });
          setDraft('');
          tools.done(`Messages in ${tools.groupName} are now kept for ${retentionInWords(next.days)}.`);
          reload();
        }}
        onClose={close}
      />
    ));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = daysInput(longest).safeParse(draft.trim() === '' ? undefined : draft);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Enter a number of days.');
      return;
    }
    if (parsed.data === data.days) {
      setProblem(`Messages are already kept for ${now}.`);
      return;
    }
    setProblem(null);
    change(parsed.data);
  };

  return (
    <section className="mod-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>How long messages are kept</h3>
      <p className="mod-setting__state">
        Now: {now}
        {data.chosen ? ', chosen by this group’s moderators.' : ', this Staffroom’s default.'} Members see
        this in the group’s info.
      </p>
      {longest >= 1 ? (
        <form className="mod-setting" noValidate onSubmit={submit}>
          <Field
            label="Days to keep messages"
            hint={`From 1 to ${longest}. Older messages are deleted for everyone, with their reactions.`}
            error={problem}
          >
            {(control) => (
              <input
                {...control}
                className="input input--short"
                type="number"
                inputMode="numeric"
                min={1}
                max={longest}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
              />
            )}
          </Field>
          <div className="mod-setting__actions">
            <Button type="submit" variant="secondary">
              Apply
            </Button>
            {data.chosen && (
              <Button variant="quiet" onClick={() => change(null)}>
                Use the default ({retentionInWords(data.maxDays)})
              </Button>
            )}
          </div>
        </form>
      ) : (
        <p>This Staffroom keeps messages for less than a day; there is nothing shorter to choose.</p>
      )}
    </section>
  );
}
