import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { ErrorCode, httpStatusOf } from '@staffroom/shared/protocol/errors';
import { LIMITS } from '@staffroom/shared/limits';
import { AppError, toErrorInfo } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { OriginPolicy } from './origins.js';

export interface HttpAppOptions {
  log: Logger;
  metrics: Metrics;
  origins: OriginPolicy;
  trustProxy: boolean;
  /**
   * `/metrics` access: a bearer token it requires, `open` (development and tests), or `off` (production without
   * a token: 404, so process internals are never public by default).
   */
  metricsAccess: { token: string } | 'open' | 'off';
  clientDist: string;
  /** Mounted under `/api`. */
  api: Router[];
  /** True when the store answers; drives `/readyz`. */
  ready: () => Promise<boolean>;
}

/** Body-parser errors carry a `type`; map the ones a client can cause to typed answers. */
function bodyParserError(err: unknown): AppError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The request body is larger than ${(err as { limit?: number }).limit ?? LIMITS.httpBodyBytes} bytes.`,
    );
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError(ErrorCode.INVALID_PAYLOAD, 'The request body is not valid JSON.');
  }
  return null;
}

const malformedAddress = () =>
  new AppError(ErrorCode.INVALID_PAYLOAD, 'The address is not valid (a malformed percent-escape).');

/** Logs method, route and status only: never the path with ids, query, body, headers or address. */
function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (!req.originalUrl.startsWith('/api')) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path;
      log.info(
        {
          method: req.method,
          route: route ? `/api${route}` : 'unmatched',
          status: res.statusCode,
          ms: Math.round(ms),
        },
        'http',
      );
    });
    next();
  };
}

export function createHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', opts.trustProxy ? 1 : false);
  app.set('etag', false);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // 'wasm-unsafe-eval' lets WebAssembly compile (Argon2id of the passphrase runs in WebAssembly, see
          // shared/src/crypto/passphrase-kdf.ts) and nothing else: eval, new Function and inline scripts stay refused.
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );

  // A malformed percent-escape ("/%E0%A4%A") would make the router's decodeURIComponent throw a URIError
  // that carries the client's text: refuse it here, typed, before any route or static file sees the path.
  app.use((req, _res, next) => {
    if (req.path.includes('%')) {
      try {
        decodeURIComponent(req.path);
      } catch {
        throw malformedAddress();
      }
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await opts.ready();
    res.status(ready ? 200 : 503).json({ ok: ready });
  });
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const access = opts.metricsAccess;
  const expected = typeof access === 'object' ? digest(`Bearer ${access.token}`) : null;
  app.get('/metrics', async (req, res) => {
    if (access === 'off') throw new AppError(ErrorCode.NOT_FOUND, 'Not found.');
    // Compared as fixed-length digests, in constant time, so the answer's timing says nothing about the token.
    if (expected && !timingSafeEqual(digest(req.get('authorization') ?? ''), expected)) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'A metrics token is required.');
    }
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });

  const api = express.Router();
  api.use(requestLog(opts.log));
  api.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (unsafe && !opts.origins.allows(req.get('origin'))) {
      throw new AppError(ErrorCode.ORIGIN_REJECTED, 'Requests from other sites are not accepted.');
    }
    next();
  });
  api.use(express.json({ limit: LIMITS.httpBodyBytes, strict: true, type: ['application/json'] }));
  for (const router of opts.api) api.use(router);
  api.use((_req, _res) => {
    throw new AppError(ErrorCode.NOT_FOUND, 'No such API route.');
  });
  app.use('/api', api);

  if (existsSync(opts.clientDist)) {
    app.use(express.static(opts.clientDist, { index: false, maxAge: '1h' }));
    // Single-page app: every other GET gets the shell.
    app.get('/{*path}', (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(path.join(opts.clientDist, 'index.html'));
    });
  }

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // Any other decoding failure (a param, a static path) is the client's malformed input, not our fault.
    const known = err instanceof URIError ? malformedAddress() : bodyParserError(err);
    const info = toErrorInfo(known ?? err, (unexpected) =>
      opts.log.error({ err: unexpected }, 'unexpected error in HTTP handler'),
    );
    opts.metrics.errors.inc({ code: info.code, transport: 'http' });
    const { code, ...rest } = info;
    res.status(httpStatusOf[code]).json({ error: code, ...rest });
  };
  app.use(onError);
  return app;
}
