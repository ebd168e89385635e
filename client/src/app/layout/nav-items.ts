import type { Role } from '@staffroom/shared/schemas/accounts';
import { paths } from '../../config/paths';
import { moderatesAnyGroup } from '../../features/moderation/api/moderation-access';

export interface NavItem {
  to: string;
  label: string;
  /** One sentence for the home page's "what you can do" list; items without one are not listed there. */
  description?: string;
  /** Only these roles see the item (the server enforces access anyway). Absent: everyone logged in. */
  roles?: readonly Role[];
  /** Shown only while this says so (read at each render, e.g. "moderates a group"). Absent: always. */
  when?: (role: Role) => boolean;
}

/**
 * The main navigation for logged-in people, in order. A new area of the app (groups, support, pulse) is
 * one entry here: the header nav and the home page both read this list.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: paths.home.getHref(), label: 'Home' },
  {
    to: paths.groups.getHref(),
    label: 'Groups',
    description: 'Browse support groups by topic, read their guidelines, join, and talk with colleagues.',
  },
  // One-to-one support: one entry per role, since each sees something different there.
  {
    to: paths.support.getHref(),
    label: 'Support',
    description: 'Ask for confidential one-to-one support from a colleague who has taught what you teach.',
    roles: ['member'],
  },
  {
    to: paths.support.getHref(),
    label: 'Support',
    description: 'Answer requests offered to you, see your caseload and your upcoming check-ins.',
    roles: ['consultant'],
  },
  {
    to: paths.support.getHref(),
    label: 'Support',
    description: 'See how many teachers wait for or receive one-to-one support, and anonymous feedback.',
    roles: ['admin'],
  },
  {
    to: paths.pulse.getHref(),
    label: 'Pulse',
    description: 'Take the one-minute weekly pulse and see your own trend, which only you can read.',
    roles: ['member'],
  },
  {
    to: paths.programme.getHref(),
    label: 'Programme',
    description:
      'See weekly wellness trends, participation and activity as totals, never about fewer than five.',
    roles: ['admin'],
  },
  {
    to: paths.moderation.getHref(),
    label: 'Moderation',
    description: 'Work the report queue, lock or slow a group, mute or ban, and read the audit log.',
    // Coordinators see urgent items and one-to-one reports as metadata and appoint moderators; program moderators
    // review one-to-one reports (the reporter's note); anyone else once appointed to a group (the app shell
    // re-renders on it).
    when: (role) => role === 'admin' || role === 'moderator' || moderatesAnyGroup(),
  },
  {
    to: paths.settings.getHref(),
    label: 'Settings',
    description: 'See where you are logged in, end a session you do not recognise, or log out everywhere.',
  },
  {
    to: paths.invites.getHref(),
    label: 'Invites',
    description: 'Create invite codes so colleagues can join, and revoke codes that are no longer needed.',
    roles: ['admin'],
  },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => (!item.roles || item.roles.includes(role)) && (!item.when || item.when(role)),
  );
}
