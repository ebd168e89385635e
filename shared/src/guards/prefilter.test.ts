/**
 * The word prefilters (prefilter.ts) must never change a verdict: a pattern may be skipped only when it cannot match.
 * Checked on every fixture and training line and on generated text built from them (shuffled, re-cased, joined,
 * cut mid-word, punctuated), two ways: each pattern's own invariant (it never matches a text its prefilter rejects)
 * and the guards' whole results with the prefilters on and off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CUE_FILTERS,
  CUE_PATTERNS,
  crisisShortcuts,
  detectCrisisWith,
  normaliseForCrisis,
  OTHER_PATTERNS,
} from './crisis.js';
import {
  compileFilter,
  FilterIndex,
  mayMatch,
  mayMatchIds,
  requiredWords,
  wordIdsOf,
  wordsOf,
} from './prefilter.js';
import { detectIdentifying, privacyPrefilter } from './privacy.js';

const DIRS = ['../../../tests/fixtures/guards/', '../../../scripts/guards-training/'];

function fixtureLines(): string[] {
  const out: string[] = [];
  for (const dir of DIRS) {
    const url = new URL(dir, import.meta.url);
    for (const name of readdirSync(url).sort()) {
      if (!/\.(?:txt|tsv)$/.test(name)) continue;
      for (const line of readFileSync(new URL(name, url), 'utf8').split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        out.push(line.includes('\t') ? line.split('\t').slice(1).join(' ') : line);
      }
    }
  }
  return out;
}

/** Deterministic generated text: fixture words and lines recombined in ways no fixture has. */
function generated(lines: readonly string[], count: number): string[] {
  let seed = 20261206;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)] as T;
  const vocab = [...new Set(lines.join(' ').split(/\s+/).filter(Boolean))];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const kind = k % 5;
    let text: string;
    if (kind === 0) text = Array.from({ length: 5 + Math.floor(rnd() * 60) }, () => pick(vocab)).join(' ');
    else if (kind === 1) text = `${pick(lines)} ${pick(lines)} ${pick(lines)}`;
    else if (kind === 2) {
      const line = pick(lines);
      const cut = Math.floor(rnd() * line.length);
      text = line.slice(cut) + pick(lines) + line.slice(0, cut);
    } else if (kind === 3) {
      text = [...pick(lines)].map((c) => (rnd() < 0.15 ? c.toUpperCase() : c)).join('');
    } else {
      const words = pick(lines).split(' ');
      for (let i = words.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [words[i], words[j]] = [words[j] as string, words[i] as string];
      }
      text = words.join(rnd() < 0.5 ? ' ' : pick([', ', '. ', ' - ', '... ', '\n', '  ']));
    }
    out.push(text);
  }
  return out;
}

/**
 * Deterministic random texts built from the words the cues need (their prefilters' words, prefixes completed), the
 * spellings normalisation unifies, and fixture words, with varied separators, capitals and obfuscation: the texts
 * the cue index and the normalisation shortcuts decide most about.
 */
function fromCueWords(lines: readonly string[], count: number): string[] {
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)] as T;
  const cueWords = [
    ...new Set(CUE_FILTERS.flat(3).map((w) => (w.endsWith('*') ? `${w.slice(0, -1)}ing` : w))),
  ];
  const spellings = [
    'i am',
    'im',
    'i m not',
    'dont',
    'do not',
    'cant',
    'can not',
    'wont',
    'will not',
    'didnt',
    'wouldnt',
    'isnt',
    'doesnt',
    'ive',
    'i ll',
    'id rather',
    "i'd be",
    'wanna',
    'gonna',
    'gotta',
    'whats',
    'thats',
    'u',
    'noone',
    'no-one',
    'my self',
    'meself',
    'k i l l',
    's.u.i.c.i.d.e',
    'd1e',
    'su*cide',
    'diiiie',
    'lol',
    // dialect.ts
    'ah cannae',
    'a wis',
    'naebody wid',
    'nobody wid',
    'wid mi',
    'mi cyaan',
    'mi waan fi',
    'tek mi',
    'mi life',
    'mi a go',
    'ion wanna',
    'ain want',
    "i ain't",
    "ain't nobody",
    'imma',
    'finna',
    'tryna',
    'masel',
    'nuh more',
    'no more',
    'want to dead',
    'goin',
    "dyin'",
    'tmrw',
    'the neet',
    'make i just',
    'i don tire',
    "t'way",
    'av been',
    'al be',
    'want te',
    'tae',
    'i wan',
    'canny',
  ];
  const fixtureWords = [...new Set(lines.join(' ').split(/\s+/).filter(Boolean))];
  const seps = [' ', ' ', ' ', ', ', '. ', '  ', '\n', ' - ', '; ', '! '];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = 2 + Math.floor(rnd() * 30);
    let text = '';
    for (let i = 0; i < n; i++) {
      const r = rnd();
      const word = r < 0.55 ? pick(cueWords) : r < 0.7 ? pick(spellings) : pick(fixtureWords);
      text += (i === 0 ? '' : pick(seps)) + (rnd() < 0.1 ? word.toUpperCase() : word);
    }
    out.push(text);
  }
  return out;
}

const lines = fixtureLines();
const texts = [...lines, ...generated(lines, 1500)];
const cueTexts = fromCueWords(lines, 3000);

describe('word prefilters', () => {
  it('derive the words a pattern needs', () => {
    // One alternative; its clauses: "myself", and the first word of each spelling.
    const kill = requiredWords(/\bkill(?:ing|ed|s)? myself\b/g);
    expect(kill).toHaveLength(1);
    expect(kill[0]).toContainEqual(['myself']);
    expect(kill[0]).toContainEqual(['killing', 'killed', 'myself']);
    expect(requiredWords(/\b(?:want|need) to die\b/g)[0]).toContainEqual(['want', 'need']);
    expect(requiredWords(/\bannotat\w*\b/g)).toEqual([[['anno*']]]);
    // Nothing pinned: no filter.
    expect(requiredWords(/a(?:b|c)d/g)).toEqual([[]]);
    expect(requiredWords(/\bx\b/i)).toEqual([[]]);
    const filter = requiredWords(/\bi (?:really )?want to die\b/g);
    expect(mayMatch(filter, wordsOf('i really want to die'))).toBe(true);
    expect(mayMatch(filter, wordsOf('i wanted a nap'))).toBe(false);
  });

  it(
    `never reject a text their pattern matches (${texts.length} fixture and generated texts)`,
    { timeout: 120_000 },
    () => {
      const patterns: [string, RegExp][] = [
        ...CUE_PATTERNS.map((re, i): [string, RegExp] => [`cue ${i}`, re]),
        ...Object.entries(OTHER_PATTERNS),
      ];
      const filters = patterns.map(([, re]) => requiredWords(re));
      const probes = patterns.map(([, re]) => new RegExp(re.source, re.flags.replace('g', '')));
      let matched = 0;
      for (const raw of texts) {
        const t = normaliseForCrisis(raw);
        const words = wordsOf(t);
        patterns.forEach(([name], i) => {
          if (!probes[i]?.test(t)) return;
          matched++;
          expect(mayMatch(filters[i] ?? [[]], words), `${name} on ${JSON.stringify(t)}`).toBe(true);
        });
      }
      // The texts do exercise the patterns.
      expect(matched).toBeGreaterThan(2000);
    },
  );

  it(
    `answer the same in id form as in word form (${texts.length} fixture and generated texts)`,
    { timeout: 120_000 },
    () => {
      const patterns = [...CUE_PATTERNS, ...Object.values(OTHER_PATTERNS)];
      const filters = patterns.map((re) => requiredWords(re));
      const compiled = filters.map(compileFilter);
      let rejected = 0;
      // Every disagreement, asserted once at the end (an expect per text and pattern cost most of the run).
      const differ: string[] = [];
      for (const raw of texts) {
        const t = normaliseForCrisis(raw);
        const words = wordsOf(t);
        const ids = wordIdsOf(t);
        filters.forEach((filter, i) => {
          const expected = mayMatch(filter, words);
          if (!expected) rejected++;
          if (mayMatchIds(compiled[i] ?? compileFilter([[]]), ids) !== expected)
            differ.push(`pattern ${i} on ${JSON.stringify(t)}: word form ${expected}`);
        });
      }
      expect(differ).toEqual([]);
      // Both answers occur.
      expect(rejected).toBeGreaterThan(1000);
    },
  );

  it('see words a filter compiled after the text was scanned names', () => {
    const ids = wordIdsOf('a zyzzogeton and a quokkasaurus');
    const later = compileFilter(requiredWords(/\bzyzzogeton\b|\bquokk\w*/g));
    const absent = compileFilter(requiredWords(/\bxylophonist\b/g));
    expect(mayMatchIds(later, ids)).toBe(true);
    expect(mayMatchIds(absent, ids)).toBe(false);
    expect(mayMatchIds(compileFilter([[]]), ids)).toBe(true);
  });

  it('give the crisis guard the same verdicts as running every pattern', { timeout: 120_000 }, () => {
    for (const text of texts)
      expect(detectCrisisWith(text, true), text).toEqual(detectCrisisWith(text, false));
  });

  it(
    `index gives each filter's own answer (${texts.length + cueTexts.length} fixture, generated and cue-word texts)`,
    { timeout: 120_000 },
    () => {
      const patterns = [...CUE_PATTERNS, ...Object.values(OTHER_PATTERNS)];
      const compiled = patterns.map((re) => compileFilter(requiredWords(re)));
      const index = new FilterIndex(compiled);
      let holds = 0;
      for (const raw of [...texts, ...cueTexts]) {
        const words = wordIdsOf(normaliseForCrisis(raw));
        const expected = index.oneByOne(words);
        const got = Array.from(index.holding(words), (x) => (x === 1 ? 1 : 0));
        expect(got, raw).toEqual(Array.from(expected));
        holds += got.reduce((a: number, b) => a + b, 0);
      }
      expect(holds).toBeGreaterThan(10_000);
    },
  );

  it(
    `give the crisis guard the same verdicts without the index and the normalisation shortcuts (${cueTexts.length} cue-word texts and the fixtures)`,
    { timeout: 120_000 },
    () => {
      let risk = 0;
      try {
        for (const text of [...cueTexts, ...texts]) {
          crisisShortcuts.enabled = true;
          const fast = detectCrisisWith(text, true);
          const normalised = normaliseForCrisis(text);
          crisisShortcuts.enabled = false;
          expect(normaliseForCrisis(text), text).toBe(normalised);
          expect(fast, text).toEqual(detectCrisisWith(text, true));
          expect(fast, text).toEqual(detectCrisisWith(text, false));
          if (fast.risk) risk++;
        }
      } finally {
        crisisShortcuts.enabled = true;
      }
      // The cue-word texts do raise flags, so the cues' code paths run.
      expect(risk).toBeGreaterThan(500);
    },
  );

  it('give the privacy guard the same findings as running every pattern', { timeout: 120_000 }, () => {
    const opts = { schoolNames: ['Oak High School', 'Lincoln High School'] };
    try {
      for (const text of texts) {
        privacyPrefilter.enabled = true;
        const filtered = detectIdentifying(text, opts);
        privacyPrefilter.enabled = false;
        expect(filtered, text).toEqual(detectIdentifying(text, opts));
      }
    } finally {
      privacyPrefilter.enabled = true;
    }
  });

  it('give the privacy guard the same findings at the edges of its anchored patterns', () => {
    // The anchored patterns (privacy.ts `anchoredMatches`) at their longest reach, overlapping, back to back, at the
    // start and end of a text, after a surrogate pair, and with characters that lower-casing lengthens or that fold.
    const pieces = [
      'one of our interim tutor Kai Obi',
      'one of my student teacher Noa Ruiz,',
      'my colleague my colleague Dara Lund',
      'the head of department Imo Vale',
      'a co-worker named Tali Wren',
      'my students call me Ms Fenwick',
      'you can call me Jo',
      'my actual name is Oluwaseun',
      'I am called Rin',
      'a colleague called called Bo Park',
      'teenager named Ivo Sand',
      "I'm  Sarah Okafor",
      "It's Jessica here",
      '  Jessica here, hi',
      'Jessica here',
      'i am i am Priya',
      'see https://mobile.teacherspayteachers.com/Store/jo-teaches and me.substack.com',
      'Flat 3, 12 Baker Street, 75011 Paris,10115 Berlin',
      '😀 my mentor Ama Boateng 😀',
      'İstanbul: my friend Elif Şahin',
      'ſhe called me, my name iſ Anna',
      'mail jo.k-lee at gmail dot com or jo.k-lee at school.org (or jo@ school.org)',
      'mail jo.k-lee at gmail.com, ana_b+x @ outlook, x.y.z.w@q.org',
      'see https://www.ana-lund.co.uk/about. or ana.lund.dev/x and me@ana.lund.me',
    ];
    const texts: string[] = [...pieces];
    for (const a of pieces)
      for (const b of pieces) texts.push(`${a} ${b}`, `${a}${b}`, `${a}. ${b.toUpperCase()}`);
    try {
      for (const text of texts) {
        privacyPrefilter.enabled = true;
        const anchored = detectIdentifying(text);
        privacyPrefilter.enabled = false;
        expect(anchored, text).toEqual(detectIdentifying(text));
      }
    } finally {
      privacyPrefilter.enabled = true;
    }
    expect(detectIdentifying('one of our interim tutor Kai Obi').map((f) => f.match)).toEqual(['Kai Obi']);
  });
});
