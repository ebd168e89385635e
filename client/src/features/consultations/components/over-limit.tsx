import { useState, type ReactNode } from 'react';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { useServerInfo } from '../../../app/server-info';
import { CrisisResources } from '../../../components/crisis-resources';
import { crisisInWholeText, preloadCrisisGuard } from '../../../lib/crisis-guard';

/**
 * A sealed note's field over its limit (issue 11): the field has no `maxLength`, which would cut a pasted text
 * silently before the crisis check reads its end. Over the limit the note is not sealed or sent; the writer is
 * told how much to cut, and when the whole text suggests risk (or worry for someone else) the deployment's contacts
 * show at once, as the conversation's notice does for a note that was saved. Only the writer's browser sees this.
 */
export function useOverLimit(max: number, checksRisk: boolean) {
  const crisisResources = useServerInfo()?.crisisResources;
  const [support, setSupport] = useState<readonly SupportResource[] | null>(null);

  /** Null when `text` fits; else why it was not saved (and the contacts checked for). */
  const refuse = (text: string): string | null => {
    const over = text.trim().length - max;
    if (over <= 0) {
      setSupport(null);
      return null;
    }
    if (checksRisk)
      void crisisInWholeText(text)
        .then((found) => setSupport(found.risk || found.concernForOther ? (crisisResources ?? []) : null))
        .catch(() => undefined);
    return `Keep it to ${max.toLocaleString()} characters: shorten it by ${over.toLocaleString()}. Nothing was saved.`;
  };

  /** For the field's onChange: a text over the limit will be checked, so the guard starts loading. */
  const typed = (text: string) => {
    if (checksRisk && text.length > max) preloadCrisisGuard();
  };

  const panel: ReactNode = support && (
    <div className="over-limit-support" role="status">
      <p>
        What you wrote suggests you may be going through something very hard, or worried about someone. You
        can reach these people, day and night:
      </p>
      <CrisisResources resources={support} />
    </div>
  );

  return { refuse, typed, panel };
}
