import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the deployment-settings capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`).
 */
export const settingsKeys = (p: string) => ({
  /** retention: until a coordinator replaces or resets them. */
  crisisContacts: () => keyFor(p, 'settings.crisisContacts'),
});
