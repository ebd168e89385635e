/**
 * Whether text shows anything. Invisible: white space, default-ignorable code points (zero-width space and
 * joiners, word joiner, soft hyphen, variation selectors, tag characters, the Hangul fillers U+3164, U+115F,
 * U+1160 and U+FFA0), other format and control characters, combining marks with nothing to sit on, and the
 * braille blank U+2800, which renders as an empty cell. A message or name made only of these looks empty to
 * every reader, so it is refused as empty (`MESSAGE_EMPTY` for messages, `INVALID_PAYLOAD` for other fields).
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/gu;

export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

export const INVISIBLE_ONLY_MESSAGE = 'must contain visible characters';
