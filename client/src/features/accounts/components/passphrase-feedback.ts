import { checkPassphrase, passphraseStrength, STRENGTH_LABELS } from '@staffroom/shared/rules/passphrase';
import type { FieldFeedback } from '../../../components/field';

/**
 * The live feedback under a new passphrase (sign-up, change passphrase). The server never sees the passphrase,
 * so these shared rules, checked here, are the only place the policy is enforced.
 */
export function passphraseFeedback(value: string, pseudonym: string): FieldFeedback | null {
  if (!value) return null;
  const rule = checkPassphrase(value, pseudonym);
  if (!rule.ok) return { tone: 'warn', text: rule.message };
  const strength = passphraseStrength(value, pseudonym);
  return { tone: strength >= 3 ? 'ok' : 'neutral', text: `Strength: ${STRENGTH_LABELS[strength]}` };
}
