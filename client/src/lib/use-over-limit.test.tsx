import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { CharCount } from '../components/char-count';
import { keepFound, measure, refusalText } from './use-over-limit';

const PASTE = `${'Marking, reports, parents evening, cover again. '.repeat(30)}I have a plan to kill myself tonight.`;

describe('a box that refuses over its limit instead of cutting', () => {
  it('when a long text is pasted, then all of it is counted and how far over it is', () => {
    expect(measure(PASTE, 500)).toEqual({ count: PASTE.length, over: PASTE.length - 500 });
  });

  it('when the text fits, or only its surrounding spaces pass the limit, then nothing is over (what is sent is trimmed)', () => {
    expect(measure('x'.repeat(500), 500)).toEqual({ count: 500, over: 0 });
    expect(measure(`  ${'x'.repeat(500)}\n\n`, 500)).toEqual({ count: 500, over: 0 });
    expect(measure('', 500)).toEqual({ count: 0, over: 0 });
  });

  it('when a text is refused, then the writer is told how much to cut', () => {
    expect(refusalText('the note', 500, 1_037)).toBe('Keep the note to 500 characters: shorten it by 1,037.');
  });

  it('when the count is shown, then past the limit it says how many too many, marked as over', () => {
    expect(renderToStaticMarkup(<CharCount limit={{ count: 120, max: 500, over: 0 }} />)).toBe(
      '<p class="char-count" aria-hidden="true">120 / 500</p>',
    );
    expect(renderToStaticMarkup(<CharCount limit={{ count: 1_537, max: 500, over: 1_037 }} />)).toBe(
      '<p class="char-count char-count--over" aria-hidden="true">1,537 / 500 (1,037 too many)</p>',
    );
  });

  it('when a later check of a shortened text finds nothing, then the contacts already shown stay', () => {
    const risk = { risk: true, concernForOther: false };
    const none = { risk: false, concernForOther: false };
    const other = { risk: false, concernForOther: true };
    expect(keepFound(null, none)).toBeNull();
    expect(keepFound(null, risk)).toEqual(risk);
    expect(keepFound(risk, none)).toEqual(risk);
    expect(keepFound(other, risk)).toEqual({ risk: true, concernForOther: true });
  });
});
