import type { Logger } from '../log.js';
import type { AppServer, ClusterChange } from './types.js';

export type ChangeHandler = (data: Record<string, unknown>) => void | Promise<void>;

/**
 * Changes that must hold on every node before an action is acknowledged (a ban, a mute, a lock): the change is
 * applied here, then sent to every other node, and `publish` resolves once they have all applied it (or the
 * adapter's request timeout passes, which is logged: a node that cannot answer is also not serving anyone). Pub/sub alone is
 * at-most-once and unordered against the action's ack; this makes "takes effect at once on every node" true.
 */
export function createClusterBus(io: AppServer, log: Logger, clustered: boolean) {
  const handlers = new Map<string, ChangeHandler>();

  async function applyLocally(change: ClusterChange): Promise<void> {
    const handler = handlers.get(change.topic);
    if (!handler) {
      log.warn({ topic: change.topic }, 'cluster change without a handler');
      return;
    }
    await handler(change.data);
  }

  io.on('cluster:change', (change, ack) => {
    applyLocally(change)
      .then(() => ack(true))
      .catch((err: unknown) => {
        log.error({ err, topic: change.topic }, 'cluster change failed');
        ack(false);
      });
  });

  return {
    on(topic: string, handler: ChangeHandler): void {
      handlers.set(topic, handler);
    },
    async publish(topic: string, data: Record<string, unknown>): Promise<void> {
      const change = { topic, data };
      await applyLocally(change);
      if (!clustered) return;
      try {
        // The adapter's `requestsTimeout` bounds the wait.
        await io.serverSideEmitWithAck('cluster:change', change);
      } catch (err) {
        log.warn({ topic, err: String(err) }, 'not every node confirmed a cluster change in time');
      }
    },
  };
}

export type ClusterBus = ReturnType<typeof createClusterBus>;
