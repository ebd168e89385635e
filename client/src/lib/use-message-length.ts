import { useEffect, useState } from 'react';
import { GROUP_LIMITS } from '@staffroom/shared/limits';

/** The longest message, group or one-to-one, in characters as counted here (`countChars`). */
export const MESSAGE_MAX = GROUP_LIMITS.messageMax;
/** The counter is read out (politely, after a pause) from this many characters left. */
const ANNOUNCE_FROM = 200;

export function countChars(text: string): number {
  return [...text.normalize('NFC')].length;
}

/**
 * How long a message being written is, how much room is left, and what a screen reader should hear about it:
 * once room gets short, said after a pause in typing (not on every key).
 */
export function useMessageLength(text: string): { length: number; left: number; spoken: string } {
  const [spoken, setSpoken] = useState('');
  const length = countChars(text);
  const left = MESSAGE_MAX - length;
  useEffect(() => {
    const timer = setTimeout(
      () =>
        setSpoken(
          left <= ANNOUNCE_FROM
            ? left >= 0
              ? `${left} characters left`
              : `${-left} characters too many`
            : '',
        ),
      700,
    );
    return () => clearTimeout(timer);
  }, [left]);
  return { length, left, spoken };
}
