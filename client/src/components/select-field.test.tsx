import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { chosenOption, SelectField } from './select-field';

const LENGTHS = [
  { value: 30, label: '30 minutes' },
  { value: 60, label: '1 hour' },
];

const render = (props: { hint?: string; error?: string }) =>
  renderToStaticMarkup(
    <SelectField
      label="Length"
      name="duration"
      value={60}
      options={LENGTHS}
      onChange={() => {}}
      {...props}
    />,
  );

/** The value of `attribute` on the first element `tag` of `html`. */
const attribute = (html: string, tag: string, name: string): string | undefined =>
  new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`).exec(html)?.[1];

describe('a labelled drop-down list', () => {
  it('when drawn, then its label names the select and every choice is an option with its value', () => {
    const html = render({});
    const id = attribute(html, 'select', 'id');
    expect(id).toBeTruthy();
    expect(attribute(html, 'label', 'for')).toBe(id);
    expect(attribute(html, 'select', 'name')).toBe('duration');
    expect(html).toContain(
      '<option value="30">30 minutes</option><option value="60" selected="">1 hour</option>',
    );
    expect(attribute(html, 'select', 'aria-describedby')).toBeUndefined();
    expect(attribute(html, 'select', 'aria-invalid')).toBeUndefined();
  });

  it('when it has a hint and an error, then the select is described by both and marked invalid', () => {
    const html = render({ hint: 'How long the session lasts.', error: 'Choose a length.' });
    const described = attribute(html, 'select', 'aria-describedby')?.split(' ') ?? [];
    const idOf = (className: string) => new RegExp(`<p id="([^"]+)" class="${className}"`).exec(html)?.[1];
    expect(described).toEqual([idOf('field__hint'), idOf('field__error')]);
    expect(described.every(Boolean)).toBe(true);
    expect(html).toContain('role="alert">Choose a length.</p>');
    expect(attribute(html, 'select', 'aria-invalid')).toBe('true');
  });

  it('when it has an addon, then the addon stands beside the select, in the same control row', () => {
    const html = renderToStaticMarkup(
      <SelectField
        label="Length"
        value={60}
        options={LENGTHS}
        onChange={() => {}}
        addon={<button type="submit">Apply</button>}
      />,
    );
    expect(html).toMatch(
      /<div class="field__control"><select\b[^>]*>.*<\/select><button type="submit">Apply<\/button><\/div>/,
    );
  });

  it('when a choice is made, then its value comes back as given (a number stays a number)', () => {
    expect(chosenOption(LENGTHS, '30')).toBe(30);
    expect(chosenOption([{ value: '', label: 'All topics' }], '')).toBe('');
    expect(chosenOption(LENGTHS, '45')).toBeUndefined();
  });
});
