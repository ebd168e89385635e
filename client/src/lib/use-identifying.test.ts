import { describe, expect, it } from 'vitest';
import { detectIdentifying } from '@staffroom/shared/guards/privacy';
import { loadBrowserDetector, stillHolding } from './use-identifying';

describe('the browser privacy pass, loaded on demand', () => {
  // "Wade" is also an English word, so the rules' name lists leave it out; compromise's tagger reads it as a name.
  const NAMED = 'Yesterday I rang Wade Quince after the meeting and he shouted at me.';

  it('when it is loaded, then it finds a name the rules alone miss', async () => {
    expect(detectIdentifying(NAMED)).toEqual([]);
    const detect = await loadBrowserDetector();
    expect(detect).not.toBeNull();
    expect(detect!(NAMED).map((f) => [f.kind, f.match])).toEqual([['full-name', 'Wade Quince']]);
  });

  it('when it is asked for twice, then it is loaded once', async () => {
    const [a, b] = await Promise.all([loadBrowserDetector(), loadBrowserDetector()]);
    expect(a).toBe(b);
  });
});

describe('a warning between two checks (the check runs when typing pauses)', () => {
  const TEXT = 'I called Wade Quince about it.';
  const found = [{ kind: 'full-name' as const, match: 'Wade Quince', start: 9, end: 20 }];

  it('when the writer types on after the name, then the warning stays', () => {
    expect(stillHolding(found, `${TEXT} He was not happy`)).toEqual(found);
  });

  it('when the name is deleted or the box emptied, then the warning goes at once', () => {
    expect(stillHolding(found, 'I called about it.')).toEqual([]);
    expect(stillHolding(found, '')).toEqual([]);
  });
});
