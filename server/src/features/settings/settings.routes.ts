import { Router, type RequestHandler, type Response } from 'express';
import { CrisisContactsBody } from '@staffroom/shared/schemas/settings';
import { parseInput } from '../../platform/errors.js';
import type { RouteLimits } from '../../platform/http/route-limit.js';
import type { Principal } from '../../platform/principal.js';
import type { CrisisContactsService } from './crisis-contacts.service.js';

const principalOf = (res: Response) => res.locals.principal as Principal;

/** Deployment settings a coordinator changes in the app. */
export function createSettingsRoutes(
  crisis: CrisisContactsService,
  requireAuth: RequestHandler,
  limit: RouteLimits,
): Router {
  const router = Router();
  router.use('/settings', requireAuth);

  router.get('/settings/crisis-contacts', async (_req, res) => {
    res.json(await crisis.view(principalOf(res)));
  });
  router.put('/settings/crisis-contacts', limit('crisis-contacts'), async (req, res) => {
    const body = parseInput(CrisisContactsBody, req.body);
    res.json(await crisis.set(principalOf(res), body.resources));
  });
  router.delete('/settings/crisis-contacts', limit('crisis-contacts'), async (_req, res) => {
    res.json(await crisis.reset(principalOf(res)));
  });
  return router;
}
