import { z } from 'zod';
import { SupportResource } from './messages.js';

/** The most crisis contacts a deployment lists: a short list is read in a bad moment; a long one is not. */
export const CRISIS_CONTACTS_MAX = 8;

/** A coordinator's list of crisis contacts (the district's assistance programme first, then helplines). */
export const CrisisContactsBody = z.strictObject({
  resources: z.array(SupportResource.strict()).min(1).max(CRISIS_CONTACTS_MAX),
});
export type CrisisContactsBody = z.infer<typeof CrisisContactsBody>;

/**
 * The crisis contacts in force. `source` says where they come from: the deployment's configuration
 * (`CRISIS_RESOURCES`, or the built-in list) until a coordinator sets their own in the app.
 */
export const CrisisContacts = z.object({
  resources: z.array(SupportResource),
  source: z.enum(['deployment', 'coordinator']),
  updatedAt: z.number().nullable(),
});
export type CrisisContacts = z.infer<typeof CrisisContacts>;
