/** Durations for mutes, bans and slow mode: the preset choices and what a custom entry means. */

export const MAX_MINUTES = 90 * 24 * 60;
export const MAX_SLOW_SECONDS = 3_600;

export type DurationUnit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1_440 };

export interface DurationPreset {
  /** The radio's value. */
  id: string;
  label: string;
  /** null: permanent. */
  minutes: number | null;
}

export const MUTE_PRESETS: readonly DurationPreset[] = [
  { id: '10m', label: '10 minutes', minutes: 10 },
  { id: '1h', label: '1 hour', minutes: 60 },
  { id: '24h', label: '24 hours', minutes: 1_440 },
];

export const BAN_PRESETS: readonly DurationPreset[] = [
  { id: '1d', label: '1 day', minutes: 1_440 },
  { id: '7d', label: '7 days', minutes: 7 * 1_440 },
  { id: '30d', label: '30 days', minutes: 30 * 1_440 },
  { id: 'permanent', label: 'Permanently', minutes: null },
];

/** A duration field's state: a preset id or "custom" with an amount typed by the moderator. */
export interface DurationChoice {
  choice: string;
  amount: string;
  unit: DurationUnit;
}

export type DurationResult = { ok: true; minutes: number | null } | { ok: false; error: string };

/** What a duration field means in minutes (null: permanent), or why it cannot be used. */
export function durationMinutes(value: DurationChoice, presets: readonly DurationPreset[]): DurationResult {
  if (value.choice !== 'custom') {
    const preset = presets.find((p) => p.id === value.choice);
    return preset ? { ok: true, minutes: preset.minutes } : { ok: false, error: 'Choose how long.' };
  }
  const amount = Number(value.amount.trim());
  if (value.amount.trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    return { ok: false, error: 'Enter how long, as a number greater than 0.' };
  }
  const minutes = Math.round(amount * UNIT_MINUTES[value.unit]);
  if (minutes < 1) return { ok: false, error: 'The shortest is 1 minute.' };
  if (minutes > MAX_MINUTES) return { ok: false, error: 'The longest is 90 days.' };
  return { ok: true, minutes };
}

/** "10 minutes", "1 hour", "2 days", "1 day 6 hours". */
export function describeMinutes(minutes: number | null): string {
  if (minutes === null) return 'permanently';
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  const part = (n: number, one: string) => (n === 0 ? null : `${n} ${one}${n === 1 ? '' : 's'}`);
  return [part(days, 'day'), part(hours, 'hour'), part(mins, 'minute')].filter(Boolean).join(' ');
}

export const SLOW_PRESETS: readonly { id: string; label: string; seconds: number }[] = [
  { id: '0', label: 'Off', seconds: 0 },
  { id: '10', label: '10 seconds', seconds: 10 },
  { id: '30', label: '30 seconds', seconds: 30 },
  { id: '60', label: '1 minute', seconds: 60 },
  { id: '300', label: '5 minutes', seconds: 300 },
];

/** The radio that shows a slow-mode setting: its preset, or "custom". */
export function slowChoiceOf(seconds: number): string {
  return SLOW_PRESETS.some((p) => p.seconds === seconds) ? String(seconds) : 'custom';
}

export type SlowResult = { ok: true; seconds: number } | { ok: false; error: string };

/** Slow mode's seconds from the chosen radio and a custom entry in seconds. */
export function slowSeconds(choice: string, custom: string): SlowResult {
  if (choice !== 'custom') {
    const preset = SLOW_PRESETS.find((p) => p.id === choice);
    return preset ? { ok: true, seconds: preset.seconds } : { ok: false, error: 'Choose a setting.' };
  }
  const n = Number(custom.trim());
  if (custom.trim() === '' || !Number.isInteger(n) || n < 1) {
    return { ok: false, error: 'Enter a whole number of seconds, 1 or more.' };
  }
  if (n > MAX_SLOW_SECONDS) return { ok: false, error: 'The longest is 3,600 seconds (1 hour).' };
  return { ok: true, seconds: n };
}

/** "off", "one message per 30 seconds", "one message per 2 minutes". */
export function describeSlow(seconds: number): string {
  if (seconds === 0) return 'off';
  if (seconds % 60 === 0) {
    const m = seconds / 60;
    return `one message per ${m === 1 ? 'minute' : `${m} minutes`} for each member`;
  }
  return `one message per ${seconds} seconds for each member`;
}
