import { useEffect, useMemo, useState } from 'react';
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

/**
 * How long typing must pause before the text is checked. The browser pass costs milliseconds per keystroke on short
 * texts and tens of milliseconds on long ones (compromise tags the whole text each time: 2.5 ms at 50 characters,
 * 35 ms at 500 and 70 ms at 2,000 in Node on the 2-core CI machine under load, several times that on a phone), so
 * it runs once the writer pauses, not on every key.
 */
export const CHECK_PAUSE_MS = 250;

/**
 * The findings of an earlier check that still hold in `text`: the same words at the same place. While the writer
 * types on, a warning stays as long as what it names is still there, and goes at once when it is deleted.
 */
export function stillHolding(findings: readonly Finding[], text: string): Finding[] {
  return findings.filter((f) => text.slice(f.start, f.end) === f.match);
}

interface Checked {
  text: string;
  findings: Finding[];
}

/** What in `text` may identify someone, for a warning while the person writes (never a refusal). */
export function useIdentifyingFindings(text: string): Finding[] {
  const [detector, setDetector] = useState<Detector>(() => browserDetector ?? detectIdentifying);
  const [checked, setChecked] = useState<Checked | null>(null);
  const writing = text.trim() !== '';
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
  // Typing stays responsive: the check runs once typing pauses (see CHECK_PAUSE_MS), on the text as it is then.
  useEffect(() => {
    if (!writing) return;
    const timer = setTimeout(() => setChecked({ text, findings: detector(text) }), CHECK_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [writing, text, detector]);
  return useMemo(() => {
    if (!writing || !checked) return [];
    return checked.text === text ? checked.findings : stillHolding(checked.findings, text);
  }, [writing, checked, text]);
}
