import type { Role } from '@staffroom/shared/schemas/accounts';

/** How each role is named and explained to people (the API says "admin"; the program says "coordinator"). */
export const ROLE_TEXT: Record<Role, { name: string; summary: string; grants: string }> = {
  member: {
    name: 'Member',
    summary: 'You take part in support under your pseudonym.',
    grants: 'Takes part in groups and asks for support under a pseudonym.',
  },
  consultant: {
    name: 'Consultant',
    summary: 'You offer confidential one-to-one support to colleagues.',
    grants: 'Offers confidential one-to-one support to colleagues.',
  },
  moderator: {
    name: 'Moderator',
    summary: 'You keep support groups safe and kind.',
    grants: 'Keeps support groups safe: can remove messages, mute and ban.',
  },
  admin: {
    name: 'Coordinator',
    summary: 'You invite colleagues and look after the program.',
    grants: 'Runs the program: creates invites and groups, sees only anonymous totals.',
  },
};

/** Roles in the order an invite form offers them: the most common first. */
export const ROLE_ORDER: readonly Role[] = ['member', 'consultant', 'moderator', 'admin'];
