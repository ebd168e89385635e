import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = (name: string): string =>
  readFileSync(new URL(`../../scripts/${name}`, import.meta.url), 'utf8');

/** The files the header of scripts/evaluate-guards-external.mjs names under "Evaluation sources" (the header only). */
function evaluationFiles(): string[] {
  const source = script('evaluate-guards-external.mjs');
  const header = source.slice(0, source.indexOf('*/'));
  const section = header.slice(header.indexOf('## Evaluation sources'));
  return [...section.matchAll(/^ \* \d+\. (.+?) —/gm)].flatMap((m) =>
    [...(m[1] ?? '').matchAll(/`([\w.-]+\.(?:csv|json))`/g)].map((f) => f[1] ?? ''),
  );
}

describe('the texts the comparison tools run builds on', () => {
  it('finds the evaluation sets in the header of the evaluation script', () => {
    expect(evaluationFiles()).toEqual(
      expect.arrayContaining([
        'cssrs500.csv',
        'twitter-si.csv',
        'pii-syn-nano.json',
        'reddit-depression.csv',
      ]),
    );
  });

  // An evaluation set read by a tool that compares or tunes builds would let its figures steer the guards.
  it.each(['compare-guards.mjs', 'compare-privacy-findings.mjs', 'guard-texts.mjs'])(
    '%s names no evaluation set as a source',
    (name) => {
      const source = script(name);
      const named = evaluationFiles().filter(
        (file) => source.includes(`'${file}'`) || source.includes(`"${file}"`),
      );
      expect(named).toEqual([]);
    },
  );
});
