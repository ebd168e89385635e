import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { keyFor, keyPrefixFor } from '@staffroom/shared/privacy/registry';
import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import type { RedisClient as Redis } from '../redis/connect.js';
import { createRateLimit, type RateLimit } from '../rate-limit.js';
import type { Principal } from '../principal.js';
import { readDeviceToken } from './session-cookie.js';

/**
 * Per-account budgets for the HTTP routes that cost work (a rematch, a Redis rewrite, a full export...). A
 * logged-out request (only erasure) spends its browser's budget (by a hash of its device token) or, without one,
 * a budget shared by every such request. Over budget, the answer is RATE_LIMITED with `retryAfterMs`, as on the
 * socket.
 */
export const ROUTE_LIMITS = {
  'workshop-signup': { points: 30, seconds: 60, message: 'Too many sign-up changes in a short time.' },
  'workshop-useful': { points: 30, seconds: 60, message: 'Too many answers in a short time.' },
  'crisis-contacts': { points: 20, seconds: 60, message: 'Too many changes to the crisis contacts.' },
  'support-request': { points: 20, seconds: 600, message: 'Too many requests for support in a short time.' },
  'consultant-profile': { points: 20, seconds: 60, message: 'Too many profile changes in a short time.' },
  'intake-notes': { points: 30, seconds: 60, message: 'Too many note saves in a short time.' },
  keys: { points: 10, seconds: 60, message: 'Too many key changes in a short time.' },
  unmatched: { points: 60, seconds: 60, message: 'Too many look-ups of waiting requests.' },
  'recognition-csv': { points: 10, seconds: 60, message: 'Too many downloads in a short time.' },
  /** Each share stores up to ~350 kB for the other person. */
  'resource-share': { ...RESOURCE_LIMITS.shareLimit, message: 'That was a lot shared at once.' },
  erase: { points: 5, seconds: 3600, message: 'Too many erasures from this browser in an hour.' },
  export: { points: 3, seconds: 3600, message: 'You can download your data three times an hour.' },
} as const satisfies Record<string, { points: number; seconds: number; message: string }>;

export type RouteName = keyof typeof ROUTE_LIMITS;
export const ROUTE_NAMES = Object.keys(ROUTE_LIMITS) as RouteName[];

/** Logged-out requests without a device token share one budget this many times a browser's. */
const ANONYMOUS_TIMES = 10;

export type RouteLimits = (route: RouteName) => RequestHandler;

/** The route budgets' keys for an account (erasure deletes them; they expire anyway). */
export function routeLimitKeys(prefix: string, accountId: string): string[] {
  return ROUTE_NAMES.map((route) => keyFor(prefix, 'platform.routeRate', { route, client: accountId }));
}

export function createRouteLimits(opts: { redis: Redis | null; prefix: string }): RouteLimits {
  const limit = (route: RouteName, anonymous: boolean): RateLimit => {
    const spec = ROUTE_LIMITS[route];
    return createRateLimit({
      redis: opts.redis,
      keyPrefix: keyPrefixFor(opts.prefix, 'platform.routeRate', { route }),
      points: anonymous ? spec.points * ANONYMOUS_TIMES : spec.points,
      durationSeconds: spec.seconds,
      message: `${spec.message} Try again later.`,
    });
  };
  return (route) => {
    const perClient = limit(route, false);
    let shared: RateLimit | null = null;
    return async (req, res, next) => {
      const principal = res.locals.principal as Principal | undefined;
      if (principal) {
        await perClient.consume(principal.accountId);
      } else {
        const device = readDeviceToken(req.get('cookie'));
        if (device) await perClient.consume(`device-${createHash('sha256').update(device).digest('hex')}`);
        else await (shared ??= limit(route, true)).consume('anonymous');
      }
      next();
    };
  };
}
