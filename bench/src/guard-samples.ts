/**
 * The guards' benchmark messages: one unit of text per kind, repeated to a 2,000-character message (issue 11's
 * latency target is per 2,000-character message). The bench (guards.ts) and the guard scripts
 * (scripts/bench-guards.mjs, scripts/bench-privacy-names.mjs, which import the built file) use these same texts.
 */
export const GUARD_MESSAGE_LENGTH = 2_000;

export const GUARD_SAMPLES: Readonly<Record<'ordinary' | 'identifying' | 'crisis', string>> = {
  ordinary:
    'Honestly this term has been brutal. Year 10 are lovely but the marking load is unreal and our head keeps adding data drops. ',
  identifying:
    'I called Mrs Okafor at 07700 900123 about the trip; she lives at 14 Rue des Lilas, 75011 Paris, see www.danielhartley.co.uk. ',
  crisis:
    'I have been feeling low and I keep thinking everyone would be better off without me, the pills are in the cupboard. ',
};

/** `unit` repeated and cut to `length` characters. */
export function guardMessage(unit: string, length = GUARD_MESSAGE_LENGTH): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
