import { describe, expect, it } from 'vitest';
import {
  BAN_PRESETS,
  MUTE_PRESETS,
  describeMinutes,
  describeSlow,
  durationMinutes,
  slowChoiceOf,
  slowSeconds,
} from './durations';

describe('moderation durations', () => {
  it('when a preset is chosen, then its minutes are used (null for a permanent ban)', () => {
    expect(durationMinutes({ choice: '1h', amount: '', unit: 'minutes' }, MUTE_PRESETS)).toEqual({
      ok: true,
      minutes: 60,
    });
    expect(durationMinutes({ choice: 'permanent', amount: '', unit: 'days' }, BAN_PRESETS)).toEqual({
      ok: true,
      minutes: null,
    });
  });

  it('when a custom duration is typed, then it is converted and bounded to 1 minute … 90 days', () => {
    expect(durationMinutes({ choice: 'custom', amount: '2', unit: 'hours' }, MUTE_PRESETS)).toEqual({
      ok: true,
      minutes: 120,
    });
    expect(durationMinutes({ choice: 'custom', amount: '91', unit: 'days' }, MUTE_PRESETS).ok).toBe(false);
    expect(durationMinutes({ choice: 'custom', amount: '', unit: 'days' }, MUTE_PRESETS).ok).toBe(false);
    expect(durationMinutes({ choice: 'custom', amount: '-3', unit: 'days' }, MUTE_PRESETS).ok).toBe(false);
    expect(durationMinutes({ choice: 'custom', amount: '0.001', unit: 'minutes' }, MUTE_PRESETS).ok).toBe(
      false,
    );
  });

  it('reads durations and slow mode in words', () => {
    expect(describeMinutes(10)).toBe('10 minutes');
    expect(describeMinutes(1_500)).toBe('1 day 1 hour');
    expect(describeMinutes(null)).toBe('permanently');
    expect(describeSlow(0)).toBe('off');
    expect(describeSlow(60)).toBe('one message per minute for each member');
    expect(describeSlow(45)).toBe('one message per 45 seconds for each member');
  });

  it('maps slow mode to its radio and back, with custom seconds bounded to 1 … 3600', () => {
    expect(slowChoiceOf(30)).toBe('30');
    expect(slowChoiceOf(45)).toBe('custom');
    expect(slowSeconds('300', '')).toEqual({ ok: true, seconds: 300 });
    expect(slowSeconds('custom', '45')).toEqual({ ok: true, seconds: 45 });
    expect(slowSeconds('custom', '4000').ok).toBe(false);
    expect(slowSeconds('custom', '1.5').ok).toBe(false);
  });
});
