import type { SavedCrisisContacts, SettingsStore } from './settings.store.js';

export function createMemorySettingsStore(): SettingsStore {
  let crisis: SavedCrisisContacts | null = null;
  return {
    getCrisisContacts: () => Promise.resolve(crisis && structuredClone(crisis)),
    setCrisisContacts(saved) {
      crisis = saved && structuredClone(saved);
      return Promise.resolve();
    },
  };
}
