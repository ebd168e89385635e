/**
 * What this tab keeps of the member's own writing, so a reload or a dropped connection loses nothing: the
 * composer draft and the messages not yet acknowledged, per group. `sessionStorage` only (it dies with the tab),
 * never anyone else's messages, and `forgetGroupData()` wipes it when nobody is logged in.
 */
const PREFIX = 'staffroom:groups:';
const draftKey = (groupId: string) => `${PREFIX}draft:${groupId}`;
const outboxKey = (groupId: string) => `${PREFIX}outbox:${groupId}`;

/** An unacknowledged message as kept across a reload. */
export interface StoredOutboxEntry {
  clientId: string;
  text: string;
  createdAt: number;
  confirmIdentifying: boolean;
  failed: boolean;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: drafts simply do not survive a reload
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // quota or privacy mode: keeping the draft in memory is all we can do
  }
}

export function loadDraft(groupId: string): string {
  return storage()?.getItem(draftKey(groupId)) ?? '';
}

export function saveDraft(groupId: string, text: string): void {
  write(draftKey(groupId), text === '' ? null : text);
}

function isEntry(value: unknown): value is StoredOutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientId === 'string' &&
    typeof v.text === 'string' &&
    typeof v.createdAt === 'number' &&
    typeof v.confirmIdentifying === 'boolean' &&
    typeof v.failed === 'boolean'
  );
}

export function loadOutbox(groupId: string): StoredOutboxEntry[] {
  const raw = storage()?.getItem(outboxKey(groupId));
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

export function saveOutbox(groupId: string, entries: readonly StoredOutboxEntry[]): void {
  write(outboxKey(groupId), entries.length === 0 ? null : JSON.stringify(entries));
}

/** Forgets every draft and unsent message of this tab (logged out, session ended). */
export function forgetGroupData(): void {
  const store = storage();
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) write(key, null);
}
