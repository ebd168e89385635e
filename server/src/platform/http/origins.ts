/**
 * The origins allowed to use the API and open sockets. Browsers always send `Origin` on websocket upgrades and
 * cross-origin requests; a request with no `Origin` comes from a same-origin GET or a non-browser client.
 */
export interface OriginPolicy {
  allows(origin: string | undefined): boolean;
  /** Called once the port is known, for the default allowlist. */
  setPort(port: number): void;
}

export function createOriginPolicy(configured: string | undefined): OriginPolicy {
  const allowed = new Set(
    (configured ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
  );
  const explicit = allowed.size > 0;
  return {
    allows: (origin) => origin === undefined || allowed.has(origin),
    setPort(port) {
      if (explicit) return;
      allowed.add(`http://localhost:${port}`);
      allowed.add(`http://127.0.0.1:${port}`);
    },
  };
}
