import type { Role } from '@staffroom/shared/schemas/accounts';

/** Who is looking, as the groups pages need it (the app passes it in from the accounts feature). */
export interface Viewer {
  pseudonym: string;
  role: Role;
}

export const isCoordinator = (viewer: Viewer) => viewer.role === 'admin';
