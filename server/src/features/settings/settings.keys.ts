/** Every Redis key the deployment-settings capability owns. `p` is the deployment prefix from config. */
export const settingsKeys = (p: string) => ({
  /**
   * string: JSON { resources, updatedAt } — the crisis contacts a coordinator set in the app (no personal data:
   * public helplines and the district's programme). retention: until a coordinator resets or replaces them.
   */
  crisisContacts: () => `${p}settings:crisis-contacts`,
});
