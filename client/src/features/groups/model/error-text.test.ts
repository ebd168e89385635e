import { describe, expect, it } from 'vitest';
import { findingsText } from './error-text';

describe('findingsText', () => {
  it('names every kind the privacy guard reports, with what it matched', () => {
    const findings = [
      { kind: 'email', match: 'a@b.com' },
      { kind: 'id-number', match: 'HT-20931' },
      { kind: 'date-of-birth', match: '14/03/1986' },
      { kind: 'vehicle', match: 'KD19 XLH' },
    ];
    expect(findingsText({ code: 'PRIVACY_CONFIRM_REQUIRED', message: '', findings })).toEqual([
      'an email address: “a@b.com”',
      'an ID number: “HT-20931”',
      'a date of birth: “14/03/1986”',
      'a number plate: “KD19 XLH”',
    ]);
  });

  it('shows an unknown kind as it came', () => {
    const findings = [{ kind: 'passport', match: 'X1' }];
    expect(findingsText({ code: 'PRIVACY_CONFIRM_REQUIRED', message: '', findings })).toEqual([
      'passport: “X1”',
    ]);
  });
});
