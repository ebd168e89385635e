import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { Id, UsefulBody } from '@staffroom/shared/schemas/groups';
import { parseInput } from '../../platform/errors.js';
import type { RouteLimits } from '../../platform/http/route-limit.js';
import type { Principal } from '../../platform/principal.js';
import type { WorkshopService } from './workshops.service.js';

const SessionParam = z.strictObject({ id: Id, meetingId: Id });
const principalOf = (res: Response) => res.locals.principal as Principal;

/** Sign-ups and "was this useful?" for a group's sessions, over HTTP. */
export function createWorkshopRoutes(
  workshops: WorkshopService,
  requireAuth: RequestHandler,
  limit: RouteLimits,
): Router {
  const router = Router();
  const base = '/groups/:id/meetings/:meetingId';
  router.use(`${base}/signup`, requireAuth);
  router.use(`${base}/useful`, requireAuth);

  router.get(`${base}/signup`, async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    res.json(await workshops.signUpStatus(principalOf(res), id, meetingId));
  });
  router.put(`${base}/signup`, limit('workshop-signup'), async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    res.json(await workshops.signUp(principalOf(res), id, meetingId));
  });
  router.delete(`${base}/signup`, limit('workshop-signup'), async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    res.json(await workshops.withdraw(principalOf(res), id, meetingId));
  });
  router.get(`${base}/useful`, async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    res.json(await workshops.usefulStatus(principalOf(res), id, meetingId));
  });
  router.post(`${base}/useful`, limit('workshop-useful'), async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    const { score } = parseInput(UsefulBody, req.body);
    await workshops.answerUseful(principalOf(res), id, meetingId, score);
    res.json({ ok: true });
  });
  router.get(`${base}/useful/summary`, async (req, res) => {
    const { id, meetingId } = parseInput(SessionParam, req.params);
    res.json(await workshops.usefulSummary(principalOf(res), id, meetingId));
  });
  return router;
}
