import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.js';

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when requests come in a burst, then fn runs once, after the burst has been quiet', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 300, 2_000);
    for (let i = 0; i < 20; i++) {
      c.request();
      vi.advanceTimersByTime(50);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('when the burst never quiets down, then fn still runs every maxWaitMs', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 300, 2_000);
    for (let i = 0; i < 100; i++) {
      c.request();
      vi.advanceTimersByTime(100);
    }
    // 10 s of a request every 100 ms: a call at the latest 2 s after each burst's first request.
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('when requests are far apart, then each gets its own call; cancel drops a pending one', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 300, 2_000);
    c.request();
    vi.advanceTimersByTime(1_000);
    c.request();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(2);
    c.request();
    c.cancel();
    vi.advanceTimersByTime(1_000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
