import { describe, expect, it } from 'vitest';
import { reasonsFromFragment, referralFragment } from './referral';

describe('referral fragment', () => {
  it('round-trips the reasons in the fixed order', () => {
    const hash = referralFragment(['workload-stress', 'new-assignment']);
    expect(hash).toBe('#refer=new-assignment,workload-stress');
    expect(reasonsFromFragment(hash)).toEqual(['new-assignment', 'workload-stress']);
  });

  it('drops unknown values and ignores other fragments', () => {
    expect(reasonsFromFragment('#refer=complex-class,<script>,complex-class,Jane%20Doe')).toEqual([
      'complex-class',
    ]);
    expect(reasonsFromFragment('#main')).toEqual([]);
    expect(reasonsFromFragment('')).toEqual([]);
  });
});
