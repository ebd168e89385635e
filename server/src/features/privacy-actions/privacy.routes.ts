import { Router, type RequestHandler } from 'express';
import {
  EraseAccountBody,
  type AccountExport,
  type EraseAccountResult,
} from '@staffroom/shared/schemas/privacy';
import { parseInput } from '../../platform/errors.js';
import { clearSessionCookie, readDeviceToken } from '../../platform/http/session-cookie.js';
import type { RouteLimits } from '../../platform/http/route-limit.js';
import type { Principal } from '../../platform/principal.js';
import type { EraseService } from './erase.service.js';
import type { ExportService } from './export.service.js';

export function createPrivacyRoutes(opts: {
  erase: EraseService;
  exporter: ExportService;
  requireAuth: RequestHandler;
  limit: RouteLimits;
}): Router {
  const router = Router();

  // Proven by the passphrase (like a log-in), not by a session: the owner can finish an interrupted erasure
  // after its sessions are gone.
  router.post('/account/erase', opts.limit('erase'), async (req, res) => {
    const body = parseInput(EraseAccountBody, req.body);
    const messages = await opts.erase.erase(body, readDeviceToken(req.get('cookie')));
    clearSessionCookie(res);
    res.set('Clear-Site-Data', '"cache", "storage"');
    const result: EraseAccountResult = { erased: true, messages };
    res.json(result);
  });

  router.get('/account/export', opts.requireAuth, opts.limit('export'), async (_req, res) => {
    const body: AccountExport = await opts.exporter.export(res.locals.principal as Principal);
    res.set('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
