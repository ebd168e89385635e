/**
 * One call for a burst of requests: `fn` runs once `quietMs` have passed without a new request, and at the
 * latest `maxWaitMs` after the burst's first request (a burst that never quiets down still gets a call now and
 * then). For the Redis subscriber's "restored" signal: a failover or a flapping connection fires it many times
 * a second, and each one used to send every socket `groups:resync` and so a `group:open` per open group
 * (a storm of opens that the flood cut-off answered by disconnecting the clients).
 */
export function coalesce(fn: () => void, quietMs: number, maxWaitMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAt = 0;
  const fire = () => {
    timer = null;
    fn();
  };
  return {
    request(): void {
      const now = Date.now();
      if (timer === null) firstAt = now;
      else clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
      timer.unref?.();
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
