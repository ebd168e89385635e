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
/**
 * The writer's relation to the person: "my student", "our SENCO", "a colleague", "the parent of", "in my form".
 * A name in a sentence with "we" or "I" is as often an author the class is reading as a colleague, so the relation
 * words are what the NER pass trusts.
 */
const RELATION =
  /\b(?:student|pupil|colleague|co-?worker|teacher|ta|assistant|senco|head|deputy|principal|manager|mentor|parent|mum|mom|dad|son|daughter|child|kid|lad|girl|boy|friend|partner|husband|wife|neighbou?r|tutor group|form|class|year \d+|department|office|caretaker|trust|governor|inspector|called|emailed|texted|rang|phoned|met|spoke|meeting|complaint|told|said)\b/i;
/** Works and public roles after a name: "…'s novel", "…'s speech", "the author …" (isPublicNameInContext has more). */
const WORK_AFTER =
  /^['’]s\s+(?:\w+\s+){0,2}(?:book|novel|poem|poetry|play|speech|talk|work|memoir|essay|story|stories|film|song|album|theory|research|paper|ted)\b/i;

/** The sentence around [start, end): from the last . ! ? or line break before, to the next one after. */
function sentence(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/[.!?\n]/.test(text[a - 1] ?? '')) a--;
  let b = end;
  while (b < text.length && !/[.!?\n]/.test(text[b] ?? '')) b++;
  return text.slice(a, b);
}
const PUBLIC = new Set(PUBLIC_FIGURES.map((n) => n.toLowerCase()));

/** First words of feast days in Spanish, Portuguese, French and Italian, before "de" or "del" ("Día de Muertos"). */
const FEAST_FIRST = new Set([
  'día',
  'dia',
  'fiesta',
  'festa',
  'feria',
  'semana',
  'noche',
  'fête',
  'fete',
  'jour',
  'giorno',
]);

interface Person {
  text: string;
  offset: { start: number; length: number };
}

/** People compromise finds: two name words, or a title and a surname ("Mr Kowalczyk"). */
function people(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const found = nlp(text).people().json({ offset: true }) as Person[];
  for (const p of found) {
    // compromise includes punctuation around a term in its text ('"Barack Obama"'); trim it from the span.
    const lead = /^[\s("'“‘]*/u.exec(p.text)?.[0].length ?? 0;
    const name = p.text.slice(lead).replace(/[\s.,;:!?)"'’”]+$/u, '');
    const parts = name.split(/\s+/);
    if (parts.length < 2) continue;
    // "Día de Muertos", "Festa Junina", "Fête de la Musique": a feast day's first word and a particle, not a person.
    if (
      FEAST_FIRST.has((parts[0] ?? '').toLowerCase()) &&
      /^(?:de|del|da|do|des|du|di|della)$/u.test(parts[1] ?? '')
    )
      continue;
    // "Cathy Freeman's 400m run": the listed name without its possessive.
    if (PUBLIC.has(name.toLowerCase().replace(/['’]s$/u, ''))) continue;
    out.push({ start: p.offset.start + lead, end: p.offset.start + lead + name.length });
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
    if (WORK_AFTER.test(text.slice(span.end, span.end + 40))) continue;
    // A name with nothing personal around it is most often someone in the news or on a book cover: the NER pass adds
    // a name only where its sentence ties the person to the writer ("my student", "a colleague", "I called"), or
    // where the sentence also gives contact details (a name beside a phone number or an email identifies someone).
    const around = sentence(text, span.start, span.end);
    const personal = PERSONAL.test(around) && RELATION.test(around.replace(match, ' '));
    const beside = findings.some((f) => f.kind !== 'full-name' && sentence(text, f.start, f.end) === around);
    if (!personal && !beside) continue;
    if (findings.some((f) => f.start < span.end && span.start < f.end)) continue;
    findings.push({ kind: 'full-name', match, start: span.start, end: span.end });
  }
  return findings.sort((a, b) => a.start - b.start);
}
