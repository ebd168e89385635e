import { useCallback, useState } from 'react';

export type NoticeTone = 'success' | 'info' | 'error' | 'urgent';

export interface Notice {
  text: string;
  tone: NoticeTone;
  /** Changes on every announcement, so the same words are read again. */
  n: number;
}

export interface Announcer {
  /** Read after what the screen reader is saying (outcomes, routine updates). */
  polite: Notice | null;
  /** Read at once (errors, urgent reports). */
  assertive: Notice | null;
  announce: (text: string, tone?: NoticeTone) => void;
  clear: () => void;
}

let counter = 0;

/** The page's two live messages: `urgent` and `error` go to the assertive one, the rest to the polite one. */
export function useAnnouncer(): Announcer {
  const [polite, setPolite] = useState<Notice | null>(null);
  const [assertive, setAssertive] = useState<Notice | null>(null);
  const announce = useCallback((text: string, tone: NoticeTone = 'success') => {
    const notice = { text, tone, n: ++counter };
    if (tone === 'urgent' || tone === 'error') setAssertive(notice);
    else {
      setPolite(notice);
      // An outcome replaces an earlier error; routine news never hides an urgent report.
      if (tone === 'success') setAssertive(null);
    }
  }, []);
  const clear = useCallback(() => {
    setPolite(null);
    setAssertive(null);
  }, []);
  return { polite, assertive, announce, clear };
}
