import type { Strength } from '@staffroom/shared/rules/passphrase';
import './strength-meter.css';

/**
 * Four bars that fill as the passphrase gets stronger. Purely visual (`aria-hidden`): the same information is
 * in the field's polite feedback text, which screen readers announce.
 */
export function StrengthMeter({ strength }: { strength: Strength | null }) {
  return (
    <div className={`strength strength--${strength ?? 'none'}`} aria-hidden="true">
      <span className="strength__bar" />
      <span className="strength__bar" />
      <span className="strength__bar" />
      <span className="strength__bar" />
    </div>
  );
}
