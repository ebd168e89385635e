import { REASONS, type Reason } from '@staffroom/shared/schemas/consultations';

/**
 * A referral link: someone (a staff representative, a principal, a colleague) suggests one-to-one support and the
 * reasons for connecting. The reasons travel in the URL fragment (`#refer=new-assignment,complex-class`), which
 * browsers never send to a server: the link is made on the referrer's device, nothing about it is stored, and
 * nobody learns whether it was used. Only the fixed reasons are carried, never free text about the teacher.
 */
const PREFIX = 'refer=';

/** The fragment for these reasons (in the fixed order, without duplicates). */
export function referralFragment(reasons: readonly Reason[]): string {
  const chosen = REASONS.filter((r) => reasons.includes(r));
  return `#${PREFIX}${chosen.join(',')}`;
}

/** The reasons a referral fragment suggests; anything unknown is dropped, so a tampered link prefills nothing odd. */
export function reasonsFromFragment(hash: string): Reason[] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body.startsWith(PREFIX)) return [];
  const named = new Set(body.slice(PREFIX.length).split(','));
  return REASONS.filter((r) => named.has(r));
}
