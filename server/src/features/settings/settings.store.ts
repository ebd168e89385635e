import type { SupportResource } from '@staffroom/shared/schemas/messages';

export interface SavedCrisisContacts {
  resources: SupportResource[];
  updatedAt: number;
}

/** Deployment-wide settings a coordinator changes in the app (not per person, not per group). */
export interface SettingsStore {
  getCrisisContacts(): Promise<SavedCrisisContacts | null>;
  /** null: back to the deployment's configuration. */
  setCrisisContacts(saved: SavedCrisisContacts | null): Promise<void>;
}
