import { useEffect, useState } from 'react';
import { crisisInWholeText, preloadCrisisGuard, type WholeTextCrisis } from './crisis-guard';

/**
 * A text box that refuses over its limit instead of cutting (issue 11). A `maxLength` would cut a pasted text
 * silently, before the crisis check reads its end: these boxes keep the whole paste, show how far over it is
 * (`CharCount`), refuse to send or save it until it is shortened, and meanwhile run the crisis guard on all of it
 * here (`crisisInWholeText`), since the server never reads a text it refused, or never reads it at all (sealed).
 */

/** How much of `max` a text uses: what is counted is what is sent, the text trimmed. */
export function measure(text: string, max: number): { count: number; over: number } {
  const count = text.trim().length;
  return { count, over: Math.max(0, count - max) };
}

/** Why a text `over` its limit was refused, naming it as `what` ("it", "the note", …). */
export function refusalText(what: string, max: number, over: number): string {
  return `Keep ${what} to ${max.toLocaleString()} characters: shorten it by ${over.toLocaleString()}.`;
}

export interface OverLimit {
  readonly max: number;
  /** Characters counted (the text trimmed, as it is sent). */
  readonly count: number;
  /** How many characters to cut; 0 when the text fits. */
  readonly over: number;
  /**
   * What the crisis guard found in the whole of a text this box refused: null until a refused text has been
   * checked. It stays for as long as the form is open, shortened or not: contacts once shown are not taken away.
   */
  readonly found: WholeTextCrisis | null;
  /**
   * At sending: null when the text fits; else why it was not sent (`refusalText`), and the whole text goes to the
   * crisis guard (unless this box does not check for risk), whose answer arrives in `found`.
   */
  refuse(what?: string): string | null;
}

/**
 * The count, the over-limit state and the whole-text crisis check of one box that holds `text`. With `checksRisk`
 * (the default) the crisis guard starts loading as soon as the text passes the limit, so the answer is ready at
 * sending. A box whose page checks the text itself (the intake note, checked whether or not it is sent) passes
 * false. Only the writer's browser sees any of this.
 */
export function useOverLimit(text: string, max: number, checksRisk = true): OverLimit {
  const { count, over } = measure(text, max);
  const [found, setFound] = useState<WholeTextCrisis | null>(null);
  const checking = checksRisk && over > 0;
  useEffect(() => {
    if (checking) preloadCrisisGuard();
  }, [checking]);

  const refuse = (what = 'it'): string | null => {
    if (over === 0) return null;
    if (checksRisk) {
      crisisInWholeText(text).then(
        (result) => setFound((shown) => keepFound(shown, result)),
        () => undefined, // the guard did not load: the refusal stands, and the next try loads it again
      );
    }
    return refusalText(what, max, over);
  };

  return { max, count, over, found, refuse };
}

/** Contacts once shown stay: a later check (of a shortened text, or one answered late) only adds to them. */
export function keepFound(shown: WholeTextCrisis | null, next: WholeTextCrisis): WholeTextCrisis | null {
  const risk = (shown?.risk ?? false) || next.risk;
  const concernForOther = (shown?.concernForOther ?? false) || next.concernForOther;
  return risk || concernForOther ? { risk, concernForOther } : shown;
}
