import { paths } from '../config/paths';

/** Where each step of the coordinator's first-run checklist is done. */
export const SETUP_LINKS = {
  groups: `${paths.setup.getHref()}#starter-groups`,
  invites: paths.invites.getHref(),
  crisis: `${paths.setup.getHref()}#crisis-contacts`,
  privacy: paths.privacy.getHref(),
};
