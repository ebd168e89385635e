/**
 * The privacy guard with a named-entity component, for the browser's warning before sending: everything
 * detectIdentifying finds, plus the people that compromise (a maintained English NLP library: tokeniser, tagger and
 * a lexicon of names and titles) recognises in the sentence.
 *
 * Why not on the server: compromise takes several milliseconds for a 2,000-character message, over the server's
 * 1 ms budget per message, and its module is a few hundred kilobytes. The server keeps detectIdentifying (rules,
 * name lists, sentence context and libphonenumber-js); the browser warns with this one, which only ever adds findings.
 * Public figures stay unflagged: the same fixed list and the same context rules ("the author …", "…'s novel") apply.
 */
import nlp from 'compromise';
import { PUBLIC_FIGURES } from './lexicon.js';
import { detectIdentifying, isPublicNameInContext, type Finding, type PrivacyOptions } from './privacy.js';

const PERSONAL = /\b(?:my|our|i|i'm|i've|we|we're|me|us)\b/i;
const PUBLIC = new Set(PUBLIC_FIGURES.map((n) => n.toLowerCase()));

interface Person {
  text: string;
  offset: { start: number; length: number };
}

/** People compromise finds: two name words, or a title and a surname ("Mr Kowalczyk"). */
function people(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const found = nlp(text).people().json({ offset: true }) as Person[];
  for (const p of found) {
    // compromise includes trailing punctuation in a term's text; trim it from the span.
    const name = p.text.replace(/[\s.,;:!?)"'’]+$/u, '');
    if (name.split(/\s+/).length < 2) continue;
    if (PUBLIC.has(name.toLowerCase())) continue;
    out.push({ start: p.offset.start, end: p.offset.start + name.length });
  }
  return out;
}

/** detectIdentifying plus named-entity people: for the browser's warning (see the header for the server). */
export function detectIdentifyingInBrowser(text: string, opts: PrivacyOptions = {}): Finding[] {
  const findings = detectIdentifying(text, opts);
  const allowed = new Set((opts.allowNames ?? []).map((n) => n.toLowerCase()));
  for (const span of people(text)) {
    const match = text.slice(span.start, span.end);
    if (allowed.has(match.toLowerCase()) || isPublicNameInContext(text, span.start, span.end)) continue;
    // A name with nothing personal around it is most often someone in the news or on a book cover: the NER pass
    // adds a name only where the sentence is about the writer's own world ("my", "our", "I", "we", "me").
    if (!PERSONAL.test(text.slice(Math.max(0, span.start - 80), Math.min(text.length, span.end + 80))))
      continue;
    if (findings.some((f) => f.start < span.end && span.start < f.end)) continue;
    findings.push({ kind: 'full-name', match, start: span.start, end: span.end });
  }
  return findings.sort((a, b) => a.start - b.start);
}
