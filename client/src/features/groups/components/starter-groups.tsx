import { useState, type FormEvent } from 'react';
import { TOPIC_LABELS } from '@staffroom/shared/schemas/groups';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { groupsApi } from '../api/groups-api';
import { STARTER_GROUPS } from '../model/starter-groups';

/**
 * Coordinators: create a programme's first groups from the seed topics in one step. Each comes with a
 * description and guidelines that can be edited afterwards; groups that already exist (same name) are skipped.
 */
export function StarterGroups({
  existingNames,
  onCreated,
}: {
  existingNames: readonly string[];
  /** Told how many were created (the list re-renders from the new groups, so the caller says so). */
  onCreated: (created: number) => void;
}) {
  const taken = new Set(existingNames.map((n) => n.toLocaleLowerCase()));
  const available = STARTER_GROUPS.filter((g) => !taken.has(g.name.toLocaleLowerCase()));
  const [picked, setPicked] = useState<Set<string>>(() => new Set(available.map((g) => g.name)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (available.length === 0) return <p>Every starter group exists already.</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    let created = 0;
    try {
      for (const group of available.filter((g) => picked.has(g.name))) {
        await groupsApi.create(group);
        created += 1;
      }
    } catch (err) {
      setError(
        `${created > 0 ? `${created} created, then: ` : ''}${err instanceof Error ? err.message : 'Something went wrong.'}`,
      );
    } finally {
      setBusy(false);
      if (created > 0) onCreated(created);
    }
  };

  return (
    <form className="starter-groups" onSubmit={submit}>
      <fieldset className="starter-groups__list">
        <legend>Choose the groups to create</legend>
        {available.map((g) => (
          <label key={g.name} className="starter-groups__item">
            <input
              type="checkbox"
              checked={picked.has(g.name)}
              onChange={(e) =>
                setPicked((prev) => {
                  const next = new Set(prev);
                  if (e.target.checked) next.add(g.name);
                  else next.delete(g.name);
                  return next;
                })
              }
            />
            <span>
              <strong>{g.name}</strong> <span className="starter-groups__topic">{TOPIC_LABELS[g.topic]}</span>
              <span className="starter-groups__description">{g.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && <Alert title="Not every group was created">{error}</Alert>}
      <Button type="submit" busy={busy} busyLabel="Creating…" disabled={picked.size === 0}>
        {picked.size === 1 ? 'Create 1 group' : `Create ${picked.size} groups`}
      </Button>
    </form>
  );
}
