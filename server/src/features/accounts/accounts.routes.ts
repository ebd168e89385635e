import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { PROTOCOL_VERSION } from '@staffroom/shared/protocol/version';
import {
  ChangePassphraseBody,
  CreateInviteBody,
  LoginBody,
  SignupBody,
  type ServerInfo,
  type WrapShare,
} from '@staffroom/shared/schemas/accounts';
import { AppError, parseInput } from '../../platform/errors.js';
import {
  clearSessionCookie,
  deviceLabel,
  readDeviceToken,
  readSessionToken,
  setDeviceCookie,
  setSessionCookie,
} from '../../platform/http/session-cookie.js';
import type { Principal } from '../../platform/principal.js';
import type { AccountService } from './accounts.service.js';

const IdParam = z.strictObject({ id: z.string().min(1).max(64) });

/** Resolves the session cookie to a principal, or answers 401. */
export function createRequireAuth(accounts: AccountService): RequestHandler {
  return async (req, res, next) => {
    const principal = await accounts.authenticate(readSessionToken(req.get('cookie')));
    if (!principal) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please log in.');
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/**
 * A small in-memory budget per TCP connection: one connection cannot hammer login or sign-up. Behind nginx every
 * request arrives on a new upstream connection, so this only helps a node reached directly; the cluster-wide
 * throttles are in `login-limiter.ts`. Keyed by the socket object, so no address is ever looked at or kept.
 */
function perConnectionLimit(max: number, windowMs: number): RequestHandler {
  const seen = new WeakMap<object, { count: number; since: number }>();
  return (req, _res, next) => {
    const now = Date.now();
    const entry = seen.get(req.socket);
    if (!entry || now - entry.since > windowMs) {
      seen.set(req.socket, { count: 1, since: now });
    } else if (++entry.count > max) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'Too many attempts. Wait a moment and try again.', {
        retryAfterMs: entry.since + windowMs - now,
      });
    }
    next();
  };
}

export function createAccountRoutes(opts: {
  accounts: AccountService;
  requireAuth: RequestHandler;
  cookieSecure: string;
  trustedDeviceMs: number;
  info: Omit<ServerInfo, 'protocolVersion' | 'kdfSalt' | 'crisisResources'>;
  /** The crisis contacts in force (a coordinator may change them in the app). */
  crisisResources: () => Promise<ServerInfo['crisisResources']>;
}): Router {
  const { accounts, requireAuth } = opts;
  const router = Router();
  const attempts = perConnectionLimit(30, 60_000);

  router.get('/info', async (_req, res) => {
    const info: ServerInfo = {
      ...opts.info,
      crisisResources: await opts.crisisResources(),
      protocolVersion: PROTOCOL_VERSION,
      kdfSalt: await accounts.kdfSalt(),
    };
    res.json(info);
  });

  router.get('/pseudonyms/suggestions', async (_req, res) => {
    res.json({ suggestions: await accounts.suggestPseudonyms() });
  });

  router.post('/auth/signup', attempts, async (req, res) => {
    const body = parseInput(SignupBody, req.body);
    const { me, token, deviceToken } = await accounts.signUp(
      body,
      deviceLabel(req.get('user-agent')),
      readDeviceToken(req.get('cookie')),
    );
    setSessionCookie(res, req, token, opts.cookieSecure);
    setDeviceCookie(res, req, deviceToken, opts.cookieSecure, opts.trustedDeviceMs);
    res.status(201).json({ me });
  });

  router.post('/auth/login', attempts, async (req, res) => {
    const body = parseInput(LoginBody, req.body);
    const { me, token, deviceToken } = await accounts.logIn(
      body,
      deviceLabel(req.get('user-agent')),
      readDeviceToken(req.get('cookie')),
    );
    setSessionCookie(res, req, token, opts.cookieSecure);
    setDeviceCookie(res, req, deviceToken, opts.cookieSecure, opts.trustedDeviceMs);
    res.json({ me });
  });

  router.get('/auth/wrap-share', requireAuth, (_req, res) => {
    const body: WrapShare = { share: accounts.wrapShare(principalOf(res)) };
    res.json(body);
  });

  router.post('/auth/passphrase', requireAuth, attempts, async (req, res) => {
    const body = parseInput(ChangePassphraseBody, req.body);
    res.json({ ended: await accounts.changePassphrase(principalOf(res), body) });
  });

  router.post('/auth/logout', requireAuth, async (_req, res) => {
    await accounts.logOut(principalOf(res));
    clearSessionCookie(res);
    res.set('Clear-Site-Data', '"cache", "storage"');
    res.json({ ok: true });
  });

  router.post('/auth/logout-all', requireAuth, async (_req, res) => {
    const ended = await accounts.logOutEverywhere(principalOf(res));
    clearSessionCookie(res);
    res.set('Clear-Site-Data', '"cache", "storage"');
    res.json({ ended });
  });

  router.get('/me', requireAuth, async (_req, res) => {
    res.json({ me: await accounts.me(principalOf(res)) });
  });

  router.get('/session', async (req, res) => {
    const principal = await accounts.authenticate(readSessionToken(req.get('cookie')));
    res.json({ me: principal ? await accounts.me(principal) : null });
  });

  router.get('/sessions', requireAuth, async (_req, res) => {
    res.json({ sessions: await accounts.listSessions(principalOf(res)) });
  });

  router.delete('/sessions/:id', requireAuth, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await accounts.revokeSession(principalOf(res), id);
    res.json({ ok: true });
  });

  router.post('/invites', requireAuth, async (req, res) => {
    const body = parseInput(CreateInviteBody, req.body);
    res.status(201).json({ invite: await accounts.createInvite(principalOf(res), body) });
  });

  router.get('/invites', requireAuth, async (_req, res) => {
    res.json({ invites: await accounts.listInvites(principalOf(res)) });
  });

  router.delete('/invites/:id', requireAuth, async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    await accounts.revokeInvite(principalOf(res), id);
    res.json({ ok: true });
  });

  return router;
}
