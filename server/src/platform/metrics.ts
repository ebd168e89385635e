import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: process defaults plus the realtime counters operators watch. No user-derived labels. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'staffroom_' });
  return {
    registry,
    connectedSockets: new Gauge({
      name: 'staffroom_connected_sockets',
      help: 'Sockets connected to this process',
      registers: [registry],
    }),
    socketEvents: new Counter({
      name: 'staffroom_socket_events_total',
      help: 'Socket events received, by event name',
      labelNames: ['event'] as const,
      registers: [registry],
    }),
    admissionRefused: new Counter({
      name: 'staffroom_admission_refused_total',
      help: 'Socket events refused by the admission layer, by event and reason (in-flight cap or budget)',
      labelNames: ['event', 'reason'] as const,
      registers: [registry],
    }),
    liveReceived: new Counter({
      name: 'staffroom_redis_live_messages_received_total',
      help: 'Stored group messages this process received from Redis pub/sub (on a cluster: only of groups open here)',
      registers: [registry],
    }),
    liveBytesReceived: new Counter({
      name: 'staffroom_redis_live_bytes_received_total',
      help: 'Bytes of stored group messages this process received from Redis pub/sub',
      registers: [registry],
    }),
    liveFrames: new Counter({
      name: 'staffroom_live_frames_total',
      help: 'Frames of live messages written to sockets (message:new or message:batch)',
      registers: [registry],
    }),
    liveDeliveries: new Counter({
      name: 'staffroom_live_deliveries_total',
      help: 'Live messages delivered to sockets (more than frames when batches were written)',
      registers: [registry],
    }),
    errors: new Counter({
      name: 'staffroom_errors_total',
      help: 'Errors answered to clients, by code and transport',
      labelNames: ['code', 'transport'] as const,
      registers: [registry],
    }),
    retentionRemoved: new Counter({
      name: 'staffroom_retention_removed_total',
      help: 'Records the retention sweep deleted, by data class',
      labelNames: ['class'] as const,
      registers: [registry],
    }),
    retentionSweeps: new Counter({
      name: 'staffroom_retention_sweeps_total',
      help: 'Retention sweeps this node tried, by outcome (ran, busy: another node held the lock, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
