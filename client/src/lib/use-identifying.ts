import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { detectIdentifying, type Finding } from '@staffroom/shared/guards/privacy';

type Detector = (text: string) => Finding[];

/**
 * The privacy warning on a teacher's own text in the browser (the intake note, the feedback box): the named-entity
 * pass (`privacy-ner.ts`, with compromise) finds the people the rules miss. compromise is a few hundred kilobytes, so
 * it is loaded only once someone starts writing, never for the first paint; until it is here (or if it cannot be
 * loaded) the rules alone answer, and they only ever find less.
 */
let browserDetector: Detector | null = null;
let loading: Promise<Detector | null> | null = null;

export function loadBrowserDetector(): Promise<Detector | null> {
  loading ??= import('@staffroom/shared/guards/privacy-ner').then(
    (m) => {
      browserDetector = (text) => m.detectIdentifyingInBrowser(text);
      return browserDetector;
    },
    () => {
      // A chunk that failed to load (offline, a deploy in between): the rules carry on; try again next time.
      loading = null;
      return null;
    },
  );
  return loading;
}

/** What in `text` may identify someone, for a warning while the person writes (never a refusal). */
export function useIdentifyingFindings(text: string): Finding[] {
  // Typing stays responsive: the check runs on a deferred copy of the text.
  const deferred = useDeferredValue(text);
  const [detector, setDetector] = useState<Detector>(() => browserDetector ?? detectIdentifying);
  const writing = deferred.trim() !== '';
  useEffect(() => {
    if (!writing || detector !== detectIdentifying) return;
    let current = true;
    void loadBrowserDetector().then((d) => {
      if (current && d) setDetector(() => d);
    });
    return () => {
      current = false;
    };
  }, [writing, detector]);
  return useMemo(() => (writing ? detector(deferred) : []), [writing, detector, deferred]);
}
