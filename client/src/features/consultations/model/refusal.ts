import type { Refusal } from './conversation-room';

/** The verification rows: what happened, in plain words. None of these items is shown as genuine. */
export function refusalText(refusal: Refusal): string {
  switch (refusal) {
    case 'legacy':
      return 'Sealed with an earlier version of Staffroom: it cannot be verified, so it is not shown.';
    case 'unreadable':
      return 'This can’t be read on this device: it was sealed with keys this device does not hold or has not accepted (for example before a key reset).';
    case 'kind':
      return 'This item could not be verified and is not shown: it was sealed as something else and moved here.';
    case 'reflected':
      return 'This item could not be verified and is not shown: it was sealed by the other side than the one it is shown from.';
    case 'replayed':
      return 'This item could not be verified and is not shown: it is a copy of an earlier one.';
    case 'reordered':
      return 'This item could not be verified and is not shown: it arrived out of the order it was written in.';
    case 'tampered':
      return 'This item could not be verified and is not shown: it was changed on the way, or sealed before a key reset.';
  }
}
