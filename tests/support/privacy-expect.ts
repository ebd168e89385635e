import { expect } from 'vitest';
import { detectIdentifying, type FindingKind } from '@staffroom/shared/guards/privacy';

/** What the privacy guard finds of one kind in a text, as the matched words. */
export const matches = (text: string, kind: FindingKind): string[] =>
  detectIdentifying(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.match);

/** Expects the privacy guard to find nothing in each text. */
export const quiet = (texts: readonly string[]): void => {
  for (const text of texts) expect(detectIdentifying(text), text).toEqual([]);
};
