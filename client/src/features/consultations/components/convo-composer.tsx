import { useEffect, useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { describeFindings } from '@staffroom/shared/guards/privacy';
import { useIdentifyingFindings } from '../../../lib/use-identifying';
import { MESSAGE_MAX as MAX, useMessageLength } from '../../../lib/use-message-length';
import { LockIcon } from './icons';
// Button first: the composer's Send sizes the button it draws.
import '../../../components/button.css';
import '../../../components/composer.css';

/**
 * Writing to the other person. Enter sends, Shift+Enter starts a new line. For the teacher, the privacy guard (with
 * its named-entity pass) warns while they type if the message may identify someone: the server never reads these
 * messages, so this is the only place to say it. A warning, never a refusal: it is their confidential support.
 */
export function ConvoComposer({
  peerName,
  onSend,
  inputRef,
  warnIdentifying = false,
  onWriting,
  onTooLong,
}: {
  peerName: string;
  onSend: (text: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  warnIdentifying?: boolean;
  /** Called when the box stops being empty: the page loads what it will need at sending (the crisis guard). */
  onWriting?: () => void;
  /**
   * A message over the limit is not sealed nor sent, but must not hide risk: the page checks it as it would at
   * sending, and shows the writer the contacts privately.
   */
  onTooLong?: (text: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const countId = `${id}-count`;
  const warnId = `${id}-warn`;
  const [text, setText] = useState('');
  const findings = useIdentifyingFindings(warnIdentifying ? text : '');
  const [problem, setProblem] = useState<string | null>(null);
  const { length, left, spoken } = useMessageLength(text);
  const writing = text.trim() !== '';
  useEffect(() => {
    if (writing) onWriting?.();
  }, [writing, onWriting]);

  const send = () => {
    if (text.trim() === '') {
      setProblem('Write something first.');
      return;
    }
    if (left < 0) {
      setProblem(
        `Messages can be at most ${MAX.toLocaleString()} characters. Shorten it, or split it in two.`,
      );
      onTooLong?.(text);
      return;
    }
    setProblem(null);
    onSend(text.trim());
    setText('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" noValidate onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        Message to {peerName}
      </label>
      {problem && (
        <p className="composer__problem" role="alert">
          {problem}
        </p>
      )}
      {findings.length > 0 && (
        <p id={warnId} className="composer__state">
          This may identify someone: {describeFindings(findings)}. Only {peerName} will read it, but you can
          describe the person instead of naming them.
        </p>
      )}
      <div className="composer__box">
        <textarea
          ref={inputRef}
          id={id}
          className="composer__input"
          name="message"
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          placeholder={`Write to ${peerName}…`}
          value={text}
          aria-describedby={findings.length ? `${warnId} ${hintId} ${countId}` : `${hintId} ${countId}`}
          aria-invalid={left < 0 || undefined}
          onChange={(e) => {
            setProblem(null);
            setText(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <div className="composer__bar">
          <p id={hintId} className="composer__hint composer-1to1__hint">
            <LockIcon className="composer-1to1__lock" />
            Encrypted on this device
            <span className="composer-1to1__keys">
              {' '}
              · <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
            </span>
          </p>
          <p id={countId} className={left < 0 ? 'composer__count composer__count--over' : 'composer__count'}>
            {length.toLocaleString()} / {MAX.toLocaleString()}
          </p>
          <button type="submit" className="button button--primary composer__send">
            Send
          </button>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </form>
  );
}
