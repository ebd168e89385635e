import type { OverLimit } from '../lib/use-over-limit';

/**
 * How much of its limit a box's text uses, under the box (`useOverLimit`); red, with how many too many, past it.
 * Hidden from screen readers: the box is marked invalid, and the refusal at sending says how much to cut.
 */
export function CharCount({ limit }: { limit: Pick<OverLimit, 'count' | 'max' | 'over'> }) {
  const { count, max, over } = limit;
  return (
    <p className={over > 0 ? 'char-count char-count--over' : 'char-count'} aria-hidden="true">
      {count.toLocaleString()} / {max.toLocaleString()}
      {over > 0 ? ` (${over.toLocaleString()} too many)` : ''}
    </p>
  );
}
