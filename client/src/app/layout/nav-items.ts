import type { Role } from '@staffroom/shared/schemas/accounts';
import { paths } from '../../config/paths';

export interface NavItem {
  to: string;
  label: string;
  /** One sentence for the home page's "what you can do" list; items without one are not listed there. */
  description?: string;
  /** Only these roles see the item (the server enforces access anyway). Absent: everyone logged in. */
  roles?: readonly Role[];
}

/**
 * The main navigation for logged-in people, in order. A new area of the app (groups, support, pulse) is
 * one entry here: the header nav and the home page both read this list.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: paths.home.getHref(), label: 'Home' },
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
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));
}
