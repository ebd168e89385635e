import { describe, expect, it } from 'vitest';
import { crisisInWholeText } from './crisis-guard';

const FILLER = 'Marking, reports, parents evening, cover again. ';

describe('crisisInWholeText', () => {
  it('when a pasted text of any length ends "I have a plan to kill myself tonight", then it says risk', async () => {
    for (const n of [0, 30, 100, 400]) {
      const found = await crisisInWholeText(`${FILLER.repeat(n)}I have a plan to kill myself tonight.`);
      expect(found.risk).toBe(true);
    }
  });

  it('when a long pasted text ends with worry for a friend, then it says concern for someone else, not risk', async () => {
    const found = await crisisInWholeText(
      `${FILLER.repeat(100)}My friend said she wants to kill herself tonight.`,
    );
    expect(found).toEqual({ risk: false, concernForOther: true });
  });

  it('when a long pasted text says nothing of risk, then it says nothing', async () => {
    expect(await crisisInWholeText(FILLER.repeat(400))).toEqual({ risk: false, concernForOther: false });
  });
});
