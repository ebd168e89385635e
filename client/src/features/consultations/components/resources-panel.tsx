import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Ack } from '@staffroom/shared/protocol/ack';
import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { SelectField, type SelectOption } from '../../../components/select-field';
import { usePanelForm } from '../hooks/use-panel-form';
import { FormBehindButton, PanelFormActions } from './panel-form-actions';
import { actionErrorText, type ShownResource } from '../model/conversation-room';
import { formatShortDate } from '../model/format';
import { refusalText } from '../model/refusal';
import { checkDocument, checkLink, sizeText, type DocumentType } from '../model/resources';

export interface ResourceActions {
  shareLink(title: string, url: string): Promise<Ack<unknown>>;
  shareDocument(title: string, name: string, mime: DocumentType, bytes: Uint8Array): Promise<Ack<unknown>>;
  openDocument(resourceId: string): Promise<Blob | null>;
  remove(resourceId: string): Promise<Ack<unknown>>;
}

const RESOURCE_KINDS: readonly SelectOption<'link' | 'document'>[] = [
  { value: 'link', label: 'A link' },
  { value: 'document', label: 'A short document' },
];

function ShareForm({ actions, onDone }: { actions: ResourceActions; onDone: () => void }) {
  const [what, setWhat] = useState<'link' | 'document'>('link');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, problem, setProblem, send } = usePanelForm(onDone);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    if (what === 'link') {
      const wrong = checkLink(title, url);
      if (wrong) return setError(wrong);
      setError(null);
      await send(() => actions.shareLink(title, url));
    } else {
      if (!file) return setError('Choose a file.');
      if (file.size > RESOURCE_LIMITS.documentBytes)
        return setError(`A document can be at most ${RESOURCE_LIMITS.documentBytes / 1024} KB.`);
      if (title.trim().length > RESOURCE_LIMITS.titleMax)
        return setError(`A title can be at most ${RESOURCE_LIMITS.titleMax} characters.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const checked = checkDocument(file.name, bytes);
      if (!checked.ok) return setError(checked.error);
      setError(null);
      await send(() => actions.shareDocument(title, file.name.slice(0, 255), checked.mime, bytes));
    }
  };

  return (
    <form className="form form--tight resource-form" noValidate onSubmit={(e) => void submit(e)}>
      {problem && <Alert title="Not shared">{problem}</Alert>}
      <SelectField
        label="Share"
        selectRef={first}
        className="input"
        name="resourceKind"
        value={what}
        options={RESOURCE_KINDS}
        onChange={(kind) => {
          setWhat(kind);
          setError(null);
        }}
      />
      <Field label="Title" optional={what === 'document'}>
        {(control) => (
          <input
            {...control}
            className="input"
            name="resourceTitle"
            maxLength={RESOURCE_LIMITS.titleMax}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      {what === 'link' ? (
        <Field label="Address" hint="Starts with https://. Nothing is fetched from it." error={error}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              name="resourceUrl"
              maxLength={RESOURCE_LIMITS.urlMax}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field
          label="File"
          hint={`Text, Markdown or PDF, up to ${RESOURCE_LIMITS.documentBytes / 1024} KB. Encrypted on this device.`}
          error={error}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="file"
              name="resourceFile"
              accept=".txt,.md,.markdown,.pdf,text/plain,text/markdown,application/pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
      )}
      <PanelFormActions busy={busy} busyLabel="Sharing…" onCancel={onDone}>
        Share
      </PanelFormActions>
    </form>
  );
}

function ResourceItem({
  resource,
  peer,
  writable,
  actions,
}: {
  resource: ShownResource;
  peer: string;
  writable: boolean;
  actions: ResourceActions;
}) {
  const [busy, setBusy] = useState<'open' | 'remove' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const content = resource.content;
  const who = `${resource.mine ? 'You' : peer} · ${formatShortDate(resource.ts)}`;

  const download = async () => {
    if (content?.type !== 'document') return;
    setBusy('open');
    setProblem(null);
    const blob = await actions.openDocument(resource.id);
    setBusy(null);
    if (!blob) return setProblem('The document could not be fetched or opened. Try again.');
    // A blob URL made here: the document never leaves the browser in the clear, and nothing is tracked.
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = content.name;
    a.rel = 'noopener noreferrer';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  };
  const remove = async () => {
    setBusy('remove');
    setProblem(null);
    const ack = await actions.remove(resource.id);
    setBusy(null);
    if (!ack.ok) setProblem(actionErrorText(ack.error));
  };

  return (
    <li className="convo-resource">
      {content === null ? (
        <p className="convo-resource__title cmsg__text--unreadable">
          {refusalText(resource.refusal ?? 'tampered')}
        </p>
      ) : content.type === 'link' ? (
        <p className="convo-resource__title">
          <a href={content.url} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
            {content.title}
          </a>
          <span className="convo-resource__detail"> · link</span>
        </p>
      ) : (
        <p className="convo-resource__title">
          <button
            type="button"
            className="link-button"
            aria-busy={busy === 'open' || undefined}
            onClick={() => void download()}
          >
            {content.title}
          </button>
          <span className="convo-resource__detail">
            {' '}
            · {content.title === content.name ? 'document' : content.name} · {sizeText(content.bytes)}
          </span>
        </p>
      )}
      <p className="convo-resource__who">{who}</p>
      {problem && <Alert>{problem}</Alert>}
      {writable && resource.mine && (
        <Button
          variant="quiet"
          busy={busy === 'remove'}
          busyLabel="Removing…"
          aria-label={busy === 'remove' ? undefined : `Remove ${content?.title ?? 'this resource'}`}
          onClick={() => void remove()}
        >
          Remove
        </Button>
      )}
    </li>
  );
}

/**
 * Everything shared in the conversation: links and short documents, sealed like messages. Links open in a new
 * tab without a referrer; documents are fetched sealed and opened here; no previews are ever fetched.
 */
export function ResourcesPanel({
  resources,
  peer,
  writable,
  actions,
}: {
  resources: readonly ShownResource[];
  peer: string;
  writable: boolean;
  actions: ResourceActions;
}) {
  return (
    <section className="side-card" aria-labelledby="resources-title">
      <h2 id="resources-title" className="side-card__title">
        Resources
      </h2>
      <p className="side-card__hint">
        Links and short documents either of you shared. Encrypted: only the two of you can read them.
      </p>
      {resources.length === 0 ? (
        <p className="empty">Nothing shared yet.</p>
      ) : (
        <ul className="convo-resources">
          {resources.map((r) => (
            <ResourceItem key={r.id} resource={r} peer={peer} writable={writable} actions={actions} />
          ))}
        </ul>
      )}
      {writable && (
        <FormBehindButton label="Share a link or document">
          {(close) => <ShareForm actions={actions} onDone={close} />}
        </FormBehindButton>
      )}
    </section>
  );
}
