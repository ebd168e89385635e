import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { Logger } from '../../platform/log.js';
import { rooms, type AppServer } from '../../platform/realtime/types.js';
import type { PresenceStore } from './groups.store.js';

export interface PresenceOptions {
  store: PresenceStore;
  io: AppServer;
  log: Logger;
  /** This process's id in presence entries; a dead process's entries expire with it. */
  nodeId: string;
  /** How long an entry lives without a heartbeat: a node that dies is gone from presence after this. */
  ttlMs?: number;
  beatMs?: number;
}

/**
 * Who has each group open, correct across nodes: every node keeps heartbeat entries in the store for the
 * members whose sockets it holds. Changes are pushed at once (debounced per group); a periodic reconcile also
 * notices entries that expired because another node died, and tells this node's sockets.
 */
export function createPresenceTracker(opts: PresenceOptions) {
  const ttlMs = opts.ttlMs ?? 20_000;
  const beatMs = opts.beatMs ?? 5_000;
  const local = new Map<string, Map<string, { member: MemberView; sockets: number }>>();
  const lastSent = new Map<string, string>();
  const debounce = new Map<string, NodeJS.Timeout>();
  let timer: NodeJS.Timeout | null = null;

  const fingerprint = (present: MemberView[]) =>
    present
      .map((m) => m.tag)
      .sort()
      .join(',');

  async function publish(groupId: string, scope: 'cluster' | 'local'): Promise<void> {
    const [present = []] = await opts.store.list([groupId], Date.now());
    const print = fingerprint(present);
    if (scope === 'local' && lastSent.get(groupId) === print) return;
    // Only groups with members on this node are remembered (and forgotten with their last member), so the map
    // never holds every group that was ever present here.
    if (local.has(groupId)) lastSent.set(groupId, print);
    const target =
      scope === 'cluster' ? opts.io.to(rooms.group(groupId)) : opts.io.local.to(rooms.group(groupId));
    target.emit('presence:update', { groupId, present });
  }

  function schedule(groupId: string): void {
    if (debounce.has(groupId)) return;
    debounce.set(
      groupId,
      setTimeout(() => {
        debounce.delete(groupId);
        publish(groupId, 'cluster').catch((err: unknown) =>
          opts.log.warn({ err }, 'presence publish failed'),
        );
      }, 150),
    );
  }

  async function beat(): Promise<void> {
    const entries = [...local].flatMap(([groupId, members]) =>
      [...members.values()].map(({ member }) => ({ groupId, member })),
    );
    await opts.store.beat(entries, opts.nodeId, Date.now(), ttlMs);
    for (const groupId of local.keys()) await publish(groupId, 'local');
  }

  return {
    async add(groupId: string, member: MemberView): Promise<void> {
      const members = local.get(groupId) ?? new Map<string, { member: MemberView; sockets: number }>();
      local.set(groupId, members);
      const entry = members.get(member.tag);
      if (entry) {
        entry.sockets += 1;
        return;
      }
      members.set(member.tag, { member, sockets: 1 });
      await opts.store.beat([{ groupId, member }], opts.nodeId, Date.now(), ttlMs);
      schedule(groupId);
    },

    async remove(groupId: string, member: MemberView): Promise<void> {
      const members = local.get(groupId);
      const entry = members?.get(member.tag);
      if (!members || !entry) return;
      if (--entry.sockets > 0) return;
      members.delete(member.tag);
      if (members.size === 0) {
        local.delete(groupId);
        lastSent.delete(groupId);
      }
      await opts.store.drop(groupId, member, opts.nodeId);
      schedule(groupId);
    },

    async list(groupId: string): Promise<MemberView[]> {
      const [present = []] = await opts.store.list([groupId], Date.now());
      return present;
    },

    start(): void {
      timer = setInterval(() => {
        beat().catch((err: unknown) => opts.log.warn({ err: String(err) }, 'presence heartbeat failed'));
      }, beatMs);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      for (const t of debounce.values()) clearTimeout(t);
      const entries = [...local].flatMap(([groupId, members]) =>
        [...members.values()].map(({ member }) => ({ groupId, member })),
      );
      await Promise.allSettled(entries.map((e) => opts.store.drop(e.groupId, e.member, opts.nodeId)));
      local.clear();
    },
  };
}

export type PresenceTracker = ReturnType<typeof createPresenceTracker>;
