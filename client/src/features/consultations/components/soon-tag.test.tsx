import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { SoonTag } from './soon-tag';

describe('the tag on a check-in that is close', () => {
  it('when it is about to start, then it says in how many minutes; when under way, that it is happening', () => {
    expect(renderToStaticMarkup(<SoonTag reminder={{ kind: 'soon', minutes: 7 }} />)).toBe(
      '<p class="soon-tag">Starts in 7 min</p>',
    );
    expect(renderToStaticMarkup(<SoonTag reminder={{ kind: 'now', endsAt: 0 }} />)).toBe(
      '<p class="soon-tag">Happening now</p>',
    );
  });
});
