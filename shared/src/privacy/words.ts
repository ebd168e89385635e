import type { Erasure, Form, StoredData, Viewer, Whose } from './registry.js';

/**
 * The registry's terms in plain words, for the privacy page (and anything else that explains stored data to a
 * teacher). One place, so the page and an export say the same thing.
 */
export const VIEWER_WORDS: Record<Viewer, string> = {
  owner: 'you',
  members: 'other members of the group',
  moderators: 'the group’s moderators',
  coordinators: 'coordinators',
  consultant: 'the consultant offered your request',
  conversation: 'the two people in the conversation',
  nobody: 'nobody, through Staffroom',
  operators: 'operators with access to the database',
};

export const WHOSE_WORDS: Record<Whose, string> = {
  account: 'Yours (your account)',
  group: 'The group’s',
  conversation: 'The conversation’s (both people in it)',
  request: 'Your support request’s',
  deployment: 'Staffroom’s own (not about one person)',
};

export const ERASURE_WORDS: Record<Erasure, string> = {
  erase: 'Deleted.',
  'de-attribute': 'Kept for the others, but no longer linked to you.',
  'keep-without-identity': 'Kept: it never said who you are.',
  'not-personal': 'Nothing to delete: it is not about you.',
};

export const FORM_WORDS: Record<Form, { title: string; means: string }> = {
  readable: {
    title: 'Readable text',
    means: 'What was written, as written. Group posts are moderated, not encrypted.',
  },
  ciphertext: {
    title: 'Ciphertext they cannot open',
    means:
      'Scrambled bytes that only the people in the conversation (or you alone) can open in their browsers.',
  },
  fingerprint: {
    title: 'Keyed fingerprints',
    means:
      'Codes made with a secret kept outside the database; they only tell whether two values are the same.',
  },
  metadata: {
    title: 'Pseudonyms, ids and times',
    means: 'Who (by pseudonym or an id) did what, and when, but not what was said in private.',
  },
  counts: { title: 'Counts', means: 'Numbers only.' },
};

/** "Who can see it" as one sentence part: "you, the group’s moderators and operators with access to …". */
export function viewersInWords(entry: Pick<StoredData, 'seenBy'>): string {
  const words = entry.seenBy.map((v) => VIEWER_WORDS[v]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
