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

  /** A change here: every node's sockets in the group get the new list. */
  async function publish(groupId: string): Promise<void> {
    const [present = []] = await opts.store.list([groupId], Date.now());
    // Only groups with members on this node are remembered (and forgotten with their last member), so the map
    // never holds every group that was ever present here.
    if (local.has(groupId)) lastSent.set(groupId, fingerprint(present));
    opts.io.to(rooms.group(groupId)).emit('presence:update', { groupId, present });
  }

  function schedule(groupId: string): void {
    if (debounce.has(groupId)) return;
    debounce.set(
      groupId,
      setTimeout(() => {
        debounce.delete(groupId);
        publish(groupId).catch((err: unknown) => opts.log.warn({ err }, 'presence publish failed'));
      }, 150),
    );
  }

  /**
   * Renews this node's entries (one pipeline), then reconciles every group it has open in one more: the lists
   * of all of them read at once, and `presence:update` sent to this node's sockets only for the groups whose
   * list changed (an entry of a dead node expired, or a push this node missed).
   */
  async function beat(): Promise<void> {
    const entries: { groupId: string; member: MemberView }[] = [];
    for (const [groupId, members] of local)
      for (const { member } of members.values()) entries.push({ groupId, member });
    await opts.store.beat(entries, opts.nodeId, Date.now(), ttlMs);
    const groupIds = [...local.keys()];
    const lists = await opts.store.list(groupIds, Date.now());
    groupIds.forEach((groupId, i) => {
      const present = lists[i] ?? [];
      const print = fingerprint(present);
      if (lastSent.get(groupId) === print) return;
      if (local.has(groupId)) lastSent.set(groupId, print);
      opts.io.local.to(rooms.group(groupId)).emit('presence:update', { groupId, present });
    });
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
