import { HistoryEntry, type SealedHistory } from '@staffroom/shared/schemas/wellness';
import { z } from 'zod';
import { conversationKey, seal, unseal, type Identity } from '../../../lib/e2e-crypto';

/**
 * The teacher's own pulse history, readable by them alone. The key is AES-GCM from HKDF over ECDH(their private
 * key, their own public key), bound to a label no conversation id can take (ids are base64url, without ':'),
 * so it is theirs on every device where their identity is unlocked and nobody else's, the server included.
 * The plaintext is padded to a multiple of PAD bytes so the stored length says little about what is inside.
 */
const LABEL = 'pulse-history:v1';
const PAD = 4096;
/** Weeks kept: sixty entries, padded and sealed, stay well under the API's 16 KiB body limit. */
const KEEP = 60;
const Entries = z.array(HistoryEntry).max(520);

const historyKey = (identity: Identity) => conversationKey(identity, identity.publicKey, LABEL);

export async function sealHistory(identity: Identity, entries: HistoryEntry[]): Promise<SealedHistory> {
  const json = JSON.stringify(entries.slice(-KEEP));
  const padded = json + ' '.repeat(PAD - (json.length % PAD));
  return seal(await historyKey(identity), padded);
}

/** Throws when the history was sealed under another key (after a key reset): the page offers to start over. */
export async function openHistory(identity: Identity, sealed: SealedHistory): Promise<HistoryEntry[]> {
  const text = await unseal(await historyKey(identity), sealed);
  return Entries.parse(JSON.parse(text.trimEnd()));
}

/** Adds or replaces this week's entry, oldest first. */
export function withEntry(entries: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...entries.filter((e) => e.week !== entry.week), entry].sort((a, b) =>
    a.week.localeCompare(b.week),
  );
}
