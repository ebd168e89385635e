import sanitizeHtml from 'sanitize-html';
import { GROUP_LIMITS } from '@staffroom/shared/limits';
import { hasVisibleText } from '@staffroom/shared/rules/visible';

const TEXT_ONLY: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

/** C0/C1 controls except tab and newline. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides, isolates and marks: they can make text read differently from what it is. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Lone surrogate halves: not text; they break other consumers' JSON. */
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** More than 8 combining marks on one character ("Zalgo") are clamped to 8. */
const EXCESS_MARKS = /(\p{M}{8})\p{M}+/gu;

export type CleanResult = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' };

/**
 * Turns what a member typed into the stored form: NFC, no control or bidi-override characters, no markup
 * (sanitize-html with no tags and no attributes), HTML-escaped (`&amp; &lt; &gt;`), blank runs collapsed.
 * Text with no `<` or `&` cannot contain markup or entities, so it skips the parser: sanitize-html would only
 * escape its `>` (a unit test holds the two paths equal).
 */
export function cleanMessageText(raw: string, maxChars: number = GROUP_LIMITS.messageMax): CleanResult {
  const plain = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(EXCESS_MARKS, '$1');
  // Code points, as the limit counts them; no more than UTF-16 units, so only a text with more units is counted
  // (spreading every message into an array of characters was an allocation per send).
  if (plain.length > maxChars && [...plain].length > maxChars) return { ok: false, reason: 'too-long' };
  const escaped = /[<&]/.test(plain) ? sanitizeHtml(plain, TEXT_ONLY) : plain.replace(/>/g, '&gt;');
  const text = escaped.replace(/\n{3,}/g, '\n\n').trim();
  // Only invisible characters (zero-width, Hangul filler, braille blank...) reads as empty: refused as empty.
  return text && hasVisibleText(text) ? { ok: true, text } : { ok: false, reason: 'empty' };
}

/** The reference path, for the equivalence test. */
export const sanitizeReference = (plain: string) => sanitizeHtml(plain, TEXT_ONLY);
