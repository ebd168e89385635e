import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkPseudonym } from '@staffroom/shared/rules/pseudonym';
import { uniquePseudonym } from '../support/http.js';

/**
 * The integration and e2e workers keep their modules between files (`isolate: false` in vitest.config.ts), so the
 * sign-up counter of `uniquePseudonym` runs into the thousands in one worker. Every name it makes must still pass
 * the sign-up rules: seven digits or more is refused as a phone number.
 */
describe('uniquePseudonym', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when a worker has signed up tens of thousands of members and the clock ends in digits, then each new name still passes the rules and none repeats', () => {
    vi.useFakeTimers();
    // A moment whose last four base-36 characters are all digits.
    const now = Date.now();
    vi.setSystemTime(now - (now % 36 ** 4) + parseInt('1234', 36));
    expect(Date.now().toString(36).slice(-4)).toBe('1234');
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const name = uniquePseudonym('QuietHeron');
      const checked = checkPseudonym(name);
      if (!checked.ok) throw new Error(`${name}: ${checked.message}`);
      seen.add(name);
    }
    expect(seen.size).toBe(20_000);
  });
});
