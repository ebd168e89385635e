import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '@staffroom/shared/protocol/http-routes';
import { createApp, type App } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './platform/log.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every method + path mounted under routers without a path of their own (how the API routers are mounted). */
function mountedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${layer.route!.path}`);
    }
    return layer.handle.stack ? mountedRoutes(layer.handle.stack) : [];
  });
}

let app: App;
beforeAll(async () => {
  app = await createApp(
    loadConfig({ BCRYPT_COST: '10', PORT: '0', LOG_LEVEL: 'silent' }),
    createLogger('silent'),
  );
});
afterAll(async () => {
  await app.close();
});

describe('the REST route registry', () => {
  it('lists exactly the routes the server mounts under /api', () => {
    const mounted = mountedRoutes((app.express as unknown as { router: { stack: Layer[] } }).router.stack)
      .filter((r) => !/ \/(healthz|readyz|metrics|\{\*path\})$/.test(r))
      .sort();
    const documented = httpRoutes.map((r) => `${r.method} ${r.path}`).sort();
    expect(mounted).toEqual(documented);
  });
});
