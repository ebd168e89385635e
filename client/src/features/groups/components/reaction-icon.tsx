import type { ReactionKind } from '@staffroom/shared/schemas/messages';

/**
 * The five reactions drawn as small inline icons rather than emoji: a machine without a colour-emoji font (many
 * Linux desktops, some school-managed laptops) would show empty boxes. Decoration only: the button's name comes
 * from its label.
 */
const PATHS: Record<ReactionKind, string> = {
  heart:
    'M12 20.5s-7.4-4.4-9.2-8.9C1.6 8.5 3.6 5 7 5c2 0 3.4 1.1 5 3 1.6-1.9 3-3 5-3 3.4 0 5.4 3.5 4.2 6.6-1.8 4.5-9.2 8.9-9.2 8.9z',
  hug: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17zM8.5 10h.01M15.5 10h.01M8 14c1 1.6 2.4 2.4 4 2.4s3-.8 4-2.4M2.5 15.5 6 13.5M21.5 15.5 18 13.5',
  'thumbs-up':
    'M7 21H4.5a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1H7m0 10V11m0 10h9.2a2 2 0 0 0 2-1.6l1.3-6.6a2 2 0 0 0-2-2.4H14V5.5A2.5 2.5 0 0 0 11.5 3L7 11',
  idea: 'M9.5 18h5M10.5 21h3M12 3a6.5 6.5 0 0 0-3.8 11.8c.5.4.8 1 .8 1.6V16h6v-.6c0-.6.3-1.2.8-1.6A6.5 6.5 0 0 0 12 3z',
  thanks: 'M12 3l2 5.6 5.9.3-4.6 3.7 1.6 5.7L12 15l-4.9 3.3 1.6-5.7L4.1 8.9 10 8.6z',
};

export function ReactionIcon({ kind }: { kind: ReactionKind }) {
  return (
    <svg
      className={`reaction-icon reaction-icon--${kind}`}
      viewBox="0 0 24 24"
      width="1.15em"
      height="1.15em"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
