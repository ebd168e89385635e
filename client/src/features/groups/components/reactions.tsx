import { useEffect, useRef, useState } from 'react';
import {
  REACTIONS,
  REACTION_LABELS,
  type Message,
  type ReactionKind,
} from '@staffroom/shared/schemas/messages';
import { ReactionIcon } from './reaction-icon';

const given = (message: Message) => REACTIONS.filter((kind) => (message.reactions?.[kind] ?? 0) > 0);

/**
 * The reactions a message has: one toggle per kind given so far, with its count, pressed when one is yours.
 * The name reads "Heart 2" (the icon is decoration).
 */
export function ReactionCounts({
  message,
  onReact,
}: {
  message: Message;
  onReact: (kind: ReactionKind) => void;
}) {
  const kinds = given(message);
  if (kinds.length === 0) return null;
  const mine = new Set(message.mine ?? []);
  return (
    <div className="reactions">
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          className="reaction"
          aria-pressed={mine.has(kind)}
          title={mine.has(kind) ? `${REACTION_LABELS[kind]}: take yours back` : REACTION_LABELS[kind]}
          onClick={() => onReact(kind)}
        >
          <ReactionIcon kind={kind} />
          <span className="visually-hidden">{REACTION_LABELS[kind]}</span>{' '}
          <span className="reaction__count">{message.reactions?.[kind]}</span>
        </button>
      ))}
    </div>
  );
}

/** "Add a reaction": shows all five kinds as toggles; Escape or a pick closes it and returns focus. */
export function ReactionPicker({
  message,
  onReact,
}: {
  message: Message;
  onReact: (kind: ReactionKind) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  const mine = new Set(message.mine ?? []);

  useEffect(() => {
    if (!open) return;
    picker.current?.scrollIntoView({ block: 'nearest' });
    picker.current?.querySelector<HTMLElement>('button')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!picker.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="popover-anchor">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-expanded={open}
        title="Add a reaction"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="icon-button__glyph">
          ♡
        </span>
        <span className="visually-hidden">Add a reaction</span>
      </button>
      {open && (
        <div
          ref={picker}
          className="popover reactions__picker"
          role="group"
          aria-label="Reactions"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              close();
            }
          }}
        >
          {REACTIONS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="reactions__choice"
              aria-pressed={mine.has(kind)}
              title={REACTION_LABELS[kind]}
              onClick={() => {
                close();
                onReact(kind);
              }}
            >
              <ReactionIcon kind={kind} />
              <span className="visually-hidden">{REACTION_LABELS[kind]}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
