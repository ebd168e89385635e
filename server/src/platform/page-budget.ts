/**
 * Bounds a page in bytes as well as items: a page of 200 long messages (or sealed ones, up to 24 kB each) would
 * otherwise be megabytes in one ack. Keeps whole items from the end the reader continues from (`first` when
 * paging forward, `last` when paging back), always at least one, and says whether any were cut so the caller
 * sets `more`.
 */
export function fitBytes<T>(
  items: readonly T[],
  size: (item: T) => number,
  maxBytes: number,
  keep: 'first' | 'last',
): { items: T[]; cut: boolean } {
  let total = 0;
  let count = 0;
  const n = items.length;
  for (; count < n; count++) {
    const item = items[keep === 'first' ? count : n - 1 - count] as T;
    total += size(item);
    if (total > maxBytes && count > 0) break;
  }
  if (count === n) return { items: [...items], cut: false };
  return { items: keep === 'first' ? items.slice(0, count) : items.slice(n - count), cut: true };
}

/** A cheap upper bound of an item's JSON size from its long string fields (plus room for the rest). */
export const approxBytes = (...texts: (string | undefined)[]) =>
  texts.reduce((sum, t) => sum + (t ? t.length * 3 : 0), 160);
