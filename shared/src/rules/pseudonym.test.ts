import { describe, expect, it } from 'vitest';
import { checkPseudonym, pseudonymSkeleton } from './pseudonym.js';
import { suggestPseudonym } from './suggestions.js';

const rejected = (name: string) => {
  const result = checkPseudonym(name);
  return result.ok ? null : result.message;
};

describe('checkPseudonym', () => {
  it('accepts calm invented names', () => {
    for (const name of ['CalmOtter42', 'quiet_heron', 'Sage.Lynx7', 'Élodie-Fox', 'Ms-Grade2', 'Owl']) {
      expect(checkPseudonym(name)).toEqual({ ok: true, value: name });
    }
  });

  it('accepts every generated suggestion', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 500; i++) expect(checkPseudonym(suggestPseudonym(random)).ok).toBe(true);
  });

  it('enforces 3 to 24 characters after trimming', () => {
    expect(rejected('ab')).toMatch(/3 to 24/);
    expect(rejected('  ab  ')).toMatch(/3 to 24/);
    expect(rejected('a'.repeat(25))).toMatch(/3 to 24/);
    expect(checkPseudonym('a'.repeat(24)).ok).toBe(true);
  });

  it('refuses emails and web addresses', () => {
    expect(rejected('jane@school.org')).toMatch(/email/);
    expect(rejected('mrs.k.edu')).toMatch(/email/);
  });

  it('refuses phone numbers', () => {
    expect(rejected('555-867-5309')).toMatch(/phone/);
    expect(rejected('07700900123')).toMatch(/phone/);
  });

  it('refuses first-and-last-name patterns', () => {
    for (const name of [
      'MaryJones',
      'mary.jones',
      'mary_jones',
      'maryjones',
      'JohnSmith',
      'j.smith',
      'jsmith',
      'Sarah-Miller',
    ]) {
      expect(rejected(name), name).toMatch(/real first and last name/);
    }
  });

  it('refuses spaces, symbols, scripts that mimic Latin, and invisible characters', () => {
    for (const name of [
      'Calm Otter',
      'calm<otter>',
      'саlm',
      'calm\u200botter',
      'calm\u202eotter',
      '_otter',
    ]) {
      expect(rejected(name), name).toMatch(/letters, digits/);
    }
  });

  it('refuses a name (or a group alias, checked by the same rule) made only of invisible characters', () => {
    for (const name of [
      '\u200b\u200b\u200b\u200b',
      '\u3164\u3164\u3164',
      '\u2800\u2800\u2800\u2800',
      '\u00ad\u00ad\u00ad',
    ]) {
      expect(checkPseudonym(name).ok, JSON.stringify(name)).toBe(false);
    }
  });

  it('refuses names that impersonate staff roles', () => {
    for (const name of ['Moderator', 'Admin_1', 'StaffroomTeam', 'M0derat0r', 'system']) {
      expect(rejected(name), name).toMatch(/staff role/);
    }
  });
});

describe('pseudonymSkeleton', () => {
  it('merges case, accents, separators and look-alike characters', () => {
    const base = pseudonymSkeleton('CalmOtter');
    for (const variant of ['calmotter', 'Calm_Otter', 'CALM.0TTER', 'Cälm-Otter', 'CaIm0tter']) {
      expect(pseudonymSkeleton(variant), variant).toBe(base);
    }
    expect(pseudonymSkeleton('CalmBadger')).not.toBe(base);
  });
});
