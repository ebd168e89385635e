import { Router, type RequestHandler, type Response } from 'express';
import {
  FeedbackBoxBody,
  ProgrammeWellnessQuery,
  PulseBody,
  SealedHistory,
} from '@staffroom/shared/schemas/wellness';
import { parseInput } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { WellnessService } from './wellness.service.js';

const principalOf = (res: Response) => res.locals.principal as Principal;

/** The pulse, the teacher's sealed history, and the coordinators' programme view. */
export function createWellnessRoutes(service: WellnessService, requireAuth: RequestHandler): Router {
  const router = Router();
  router.use('/pulse', requireAuth);
  router.use('/programme/wellness', requireAuth);

  router.get('/pulse', async (_req, res) => {
    res.json(await service.status(principalOf(res)));
  });
  router.post('/pulse', async (req, res) => {
    await service.answer(principalOf(res), parseInput(PulseBody, req.body));
    res.status(201).json({ ok: true });
  });
  router.post('/pulse/feedback', async (req, res) => {
    res
      .status(201)
      .json(await service.leaveFeedback(principalOf(res), parseInput(FeedbackBoxBody, req.body)));
  });
  router.get('/pulse/history', async (_req, res) => {
    res.json({ history: await service.history(principalOf(res)) });
  });
  router.put('/pulse/history', async (req, res) => {
    await service.saveHistory(principalOf(res), parseInput(SealedHistory, req.body));
    res.json({ ok: true });
  });
  router.delete('/pulse/history', async (_req, res) => {
    await service.deleteHistory(principalOf(res));
    res.json({ ok: true });
  });
  router.get('/programme/wellness', async (req, res) => {
    res.json(await service.programme(principalOf(res), parseInput(ProgrammeWellnessQuery, { ...req.query })));
  });
  return router;
}
