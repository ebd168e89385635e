import type { MemberView } from '@staffroom/shared/schemas/groups';
import { formatNames, plural } from '../model/format';

/** Who has the group open right now, by the name they use here. */
export function Presence({ present, me }: { present: readonly MemberView[]; me: MemberView | null }) {
  const others = present.filter((m) => m.tag !== me?.tag);
  const here = me && present.some((m) => m.tag === me.tag) ? [me, ...others] : others;
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence__title">
        Here now <span className="presence__count">({here.length})</span>
      </h2>
      {here.length === 0 ? (
        <p className="presence__empty">Nobody else is here right now.</p>
      ) : (
        <ul className="presence__list" aria-label={plural(here.length, 'person', 'people')}>
          {here.map((m) => (
            <li
              key={m.tag}
              className={m.tag === me?.tag ? 'presence__who presence__who--me' : 'presence__who'}
            >
              <span className="presence__dot" aria-hidden="true" />
              {m.name}
              {m.tag === me?.tag && <span className="presence__you"> (you)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Ana is typing…", shown for a few seconds after each notice. Not announced: it would interrupt reading. */
export function TypingIndicator({ typing }: { typing: readonly MemberView[] }) {
  const names = typing.map((m) => m.name);
  return (
    <p className="typing" aria-hidden={names.length === 0 || undefined}>
      {names.length === 1 && `${names[0]} is typing…`}
      {names.length > 1 && names.length <= 3 && `${formatNames(names)} are typing…`}
      {names.length > 3 && 'Several people are typing…'}
    </p>
  );
}
