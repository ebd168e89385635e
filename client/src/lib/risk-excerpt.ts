import { GROUP_LIMITS } from '@staffroom/shared/limits';

/** Windows of this many characters (the guard reads messages up to the limit), starting every half of that. */
export const RISK_WINDOW = GROUP_LIMITS.messageMax;
const WINDOW = RISK_WINDOW;
const STRIDE = WINDOW / 2;

/** Where a sentence or a line may start: after . ! ? … or a line break, and the blanks after it. */
const BREAK = /[.!?…\n]+\s*/g;

/**
 * The first window of `text` (at most `WINDOW` characters, cut where a sentence starts when it can) that `flags`
 * flags, or null when none does alone (the whole text suggested risk only across more than a window).
 * Linear in the text: a window every `STRIDE` characters, each read once by `flags`.
 */
export function riskExcerpt(text: string, flags: (part: string) => boolean): string | null {
  if (text.length <= WINDOW) return flags(text) ? text : null;
  const starts = new Set<number>([0]);
  for (const m of text.matchAll(BREAK)) starts.add(m.index + m[0].length);
  const sorted = [...starts].filter((i) => i < text.length).sort((a, b) => a - b);
  let next = 0;
  let at = 0;
  for (;;) {
    // The latest sentence start at or before `at`, unless that one is too far back to make progress.
    while (next + 1 < sorted.length && (sorted[next + 1] as number) <= at) next += 1;
    const start = (sorted[next] as number) > at - STRIDE ? (sorted[next] as number) : at;
    const part = text.slice(start, start + WINDOW);
    if (flags(part)) return part.trim() || part;
    if (start + WINDOW >= text.length) return null;
    at = Math.max(start + 1, at + STRIDE);
  }
}
