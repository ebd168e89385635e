import { useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import '../../../components/button.css';
import '../../../components/composer.css';
import { useNow } from '../hooks/use-group-room';
import { formatUntil } from '../../../utils/format';
import { preloadCrisisGuard } from '../../../lib/crisis-guard';
import { MESSAGE_MAX as MAX, useMessageLength } from '../../../lib/use-message-length';
import { SENDABLE_CHARS } from '../model/too-long';

export interface ComposerProps {
  text: string;
  onTextChange: (text: string) => void;
  onSend: (text: string) => void;
  /**
   * A message too long even to send was stopped here: the room checks it for risk in this browser (the contacts,
   * and the moderators told), since the server will not read it.
   */
  onTooLong: (text: string) => void;
  groupName: string;
  locked: boolean;
  slowSeconds: number;
  mutedUntil: number | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * Writing to the group. Enter sends, Shift+Enter starts a new line. The text survives reconnects and reloads
 * (the room keeps the draft in this tab). Lock, mute and slow mode are said here, where they matter.
 */
export function Composer({
  text,
  onTextChange,
  onSend,
  onTooLong,
  groupName,
  locked,
  slowSeconds,
  mutedUntil,
  inputRef,
}: ComposerProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const countId = `${id}-count`;
  const stateId = `${id}-state`;
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(mutedUntil !== null, 15_000);
  const muted = mutedUntil !== null && mutedUntil > now;
  const { length, left, spoken } = useMessageLength(text);
  const blocked = locked || muted;

  const send = () => {
    if (text.trim() === '') {
      setProblem('Write something first.');
      return;
    }
    // Longer than the limit, it still goes (the server refuses it, with the crisis contacts when it suggests risk,
    // and the message waits to be edited); only what the server would not even read is stopped here, and checked
    // for risk here instead (`onTooLong`).
    // The socket schema counts code points as typed, before normalising: a decomposed "é" is two.
    if ([...text].length > SENDABLE_CHARS) {
      setProblem(
        `Messages can be at most ${MAX.toLocaleString()} characters. Shorten it, or split it in two.`,
      );
      onTooLong(text);
      return;
    }
    setProblem(null);
    // Muted or locked, it still goes: the server refuses it and says why, and a message that suggests risk
    // brings the crisis contacts back and tells the moderators (pressing Send must never drop a person).
    onSend(text);
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

  const state = locked
    ? 'A moderator has locked this group for now: you can read, but nobody can post.'
    : muted && mutedUntil !== null
      ? `A moderator has muted you in this group ${formatUntil(mutedUntil)}. You can still read.`
      : slowSeconds > 0
        ? `Slow mode is on: one message every ${slowSeconds} seconds.`
        : null;

  const lines = text.split('\n').length;
  return (
    <form className="composer" noValidate onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        Message to {groupName}
      </label>
      {state && (
        <p id={stateId} className={blocked ? 'composer__state composer__state--blocked' : 'composer__state'}>
          {state}
        </p>
      )}
      {problem && (
        <p className="composer__problem" role="alert">
          {problem}
        </p>
      )}
      <div className="composer__box">
        <textarea
          ref={inputRef}
          id={id}
          className="composer__input"
          name="message"
          rows={Math.min(8, Math.max(2, lines))}
          placeholder={blocked ? 'Posting is paused' : `Write to ${groupName}…`}
          value={text}
          aria-describedby={[state ? stateId : null, hintId, countId].filter(Boolean).join(' ')}
          aria-invalid={left < 0 || undefined}
          onChange={(e) => {
            setProblem(null);
            // Too long even to send: the crisis guard will run here at Send, so it starts loading now.
            if (e.target.value.length > SENDABLE_CHARS) preloadCrisisGuard();
            onTextChange(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <div className="composer__bar">
          <p id={hintId} className="composer__hint composer__hint--wide">
            <kbd>Enter</kbd> to send, <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
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
