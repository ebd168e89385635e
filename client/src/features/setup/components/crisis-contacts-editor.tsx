import { useEffect, useState, type FormEvent } from 'react';
import {
  CRISIS_CONTACTS_MAX,
  CrisisContactsBody,
  type CrisisContacts,
} from '@staffroom/shared/schemas/settings';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { Alert, Status } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CrisisResources } from '../../../components/crisis-resources';
import { formatDateTime } from '../../../utils/format';
import { setupApi } from '../api/setup-api';
import '../setup.css';

interface Row {
  name: string;
  contact: string;
  hours: string;
  call: string;
  text: string;
  url: string;
}

const toRow = (r: SupportResource): Row => ({
  name: r.name,
  contact: r.contact,
  hours: r.hours,
  call: r.call ?? '',
  text: r.text ?? '',
  url: r.url ?? '',
});

const EMPTY: Row = { name: '', contact: '', hours: '', call: '', text: '', url: '' };

/** Empty optional fields are left out; what remains is checked with the same schema the server applies. */
function toBody(rows: Row[]) {
  return CrisisContactsBody.safeParse({
    resources: rows.map((r) => ({
      name: r.name.trim(),
      contact: r.contact.trim(),
      hours: r.hours.trim(),
      ...(r.call.trim() ? { call: r.call.replace(/[\s().-]/g, '') } : {}),
      ...(r.text.trim() ? { text: r.text.replace(/[\s().-]/g, '') } : {}),
      ...(r.url.trim() ? { url: r.url.trim() } : {}),
    })),
  });
}

const FIELDS: { key: keyof Row; label: string; hint?: string; type?: string }[] = [
  { key: 'name', label: 'Name', hint: 'e.g. District employee assistance programme' },
  { key: 'contact', label: 'How to reach them', hint: 'As it should read, e.g. “Call or text 988”' },
  { key: 'hours', label: 'Hours', hint: 'e.g. 24/7, or Mon–Fri 8:00–18:00' },
  { key: 'call', label: 'Number to call (optional)', hint: 'Digits, for a tap-to-call link', type: 'tel' },
  { key: 'text', label: 'Number to text (optional)', hint: 'Digits, for a tap-to-text link', type: 'tel' },
  { key: 'url', label: 'Web page (optional)', hint: 'https:// only', type: 'url' },
];

/**
 * Coordinators: the crisis contacts shown privately to anyone whose words suggest risk. The district's
 * assistance programme goes first. A preview shows them exactly as a teacher will see them.
 */
export function CrisisContactsEditor({ onSaved }: { onSaved?: (contacts: CrisisContacts) => void }) {
  const [current, setCurrent] = useState<CrisisContacts | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setupApi.crisisContacts().then(
      (c) => {
        if (cancelled) return;
        setCurrent(c);
        setRows(c.resources.map(toRow));
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : 'Could not load them.'),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const parsed = toBody(rows);
  const update = (i: number, key: keyof Row, value: string) =>
    setRows((prev) => prev.map((r, j) => (j === i ? { ...r, [key]: value } : r)));

  const done = (c: CrisisContacts, text: string) => {
    setCurrent(c);
    setRows(c.resources.map(toRow));
    setSaved(text);
    onSaved?.(c);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const row = typeof issue?.path[1] === 'number' ? issue.path[1] + 1 : null;
      const field = FIELDS.find((f) => f.key === issue?.path[2])?.label;
      setError(
        row && field
          ? `Contact ${row}, “${field}”: ${issue?.message ?? 'check this field'}.`
          : 'List at least one contact, with a name, how to reach them and the hours.',
      );
      return;
    }
    setBusy(true);
    try {
      done(
        await setupApi.saveCrisisContacts(parsed.data.resources),
        'Saved. Every page shows these within seconds.',
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not save. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      done(await setupApi.resetCrisisContacts(), "Back to the deployment's configured contacts.");
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not reset. Try again.');
    } finally {
      setBusy(false);
    }
  };

  if (!current)
    return error ? <Alert>{error}</Alert> : <p className="loading">Loading the crisis contacts…</p>;

  return (
    <form className="crisis-editor" onSubmit={save} noValidate>
      <p>
        {current.source === 'coordinator'
          ? `Set in the app${current.updatedAt ? ` on ${formatDateTime(current.updatedAt)}` : ''}.`
          : 'These come from the deployment’s configuration. Put your district’s assistance programme first.'}
      </p>
      <ol className="crisis-editor__list">
        {rows.map((row, i) => (
          <li key={i} className="crisis-editor__row">
            <fieldset>
              <legend>Contact {i + 1}</legend>
              <div className="crisis-editor__fields">
                {FIELDS.map((f) => {
                  const id = `crisis-${i}-${f.key}`;
                  return (
                    <div className="field" key={f.key}>
                      <label className="field__label" htmlFor={id}>
                        {f.label}
                      </label>
                      {f.hint && (
                        <p className="field__hint" id={`${id}-hint`}>
                          {f.hint}
                        </p>
                      )}
                      <input
                        id={id}
                        className="input"
                        type={f.type ?? 'text'}
                        aria-describedby={f.hint ? `${id}-hint` : undefined}
                        value={row[f.key]}
                        onChange={(e) => update(i, f.key, e.target.value)}
                      />
                    </div>
                  );
                })}
              </div>
              <div className="crisis-editor__row-actions">
                <Button
                  variant="quiet"
                  disabled={i === 0}
                  onClick={() => setRows((prev) => [prev[i] as Row, ...prev.filter((_, j) => j !== i)])}
                >
                  Move to the top
                </Button>
                <Button
                  variant="quiet"
                  disabled={rows.length === 1}
                  onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}
                >
                  Remove contact {i + 1}
                </Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        disabled={rows.length >= CRISIS_CONTACTS_MAX}
        onClick={() => setRows((prev) => [...prev, { ...EMPTY }])}
      >
        Add a contact
      </Button>
      <section className="crisis-editor__preview" aria-labelledby="crisis-preview-title">
        <h3 id="crisis-preview-title">How a teacher will see them</h3>
        {parsed.success ? (
          <CrisisResources resources={parsed.data.resources} />
        ) : (
          <p>Complete every contact to see the preview.</p>
        )}
      </section>
      {error && <Alert title="Not saved">{error}</Alert>}
      {saved && <Status tone="success">{saved}</Status>}
      <div className="crisis-editor__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          Save crisis contacts
        </Button>
        {current.source === 'coordinator' && (
          <Button variant="quiet" onClick={reset} disabled={busy}>
            Use the deployment’s contacts
          </Button>
        )}
      </div>
    </form>
  );
}
