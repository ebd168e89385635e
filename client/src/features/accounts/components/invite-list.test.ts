import { describe, expect, it } from 'vitest';
import type { InviteInfo } from '@staffroom/shared/schemas/accounts';
import { inviteStatus } from './invite-list';

const base: InviteInfo = {
  id: 'i1',
  role: 'member',
  maxUses: 2,
  uses: 0,
  expiresAt: 2_000,
  createdAt: 0,
  revoked: false,
};

describe('inviteStatus', () => {
  it('when nothing stops the code, then it is active', () => {
    expect(inviteStatus(base, 1_000)).toBe('active');
  });

  it('when several reasons apply, then revoked wins over used up, which wins over expired', () => {
    expect(inviteStatus({ ...base, uses: 2, revoked: true }, 3_000)).toBe('revoked');
    expect(inviteStatus({ ...base, uses: 2 }, 3_000)).toBe('used-up');
    expect(inviteStatus(base, 2_000)).toBe('expired');
  });
});
