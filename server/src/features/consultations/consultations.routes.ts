import express, { Router, type RequestHandler, type Response } from 'express';
import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { z } from 'zod';
import { Id } from '@staffroom/shared/schemas/groups';
import {
  AssignBody,
  ConsultantProfileInput,
  FeedbackBody,
  ReciprocalBody,
  WidenBody,
  IntakeBody,
  IntakeNotesBody,
  KeyBundle,
  ShareResourceBody,
} from '@staffroom/shared/schemas/consultations';
import { parseInput } from '../../platform/errors.js';
import type { RouteLimits } from '../../platform/http/route-limit.js';
import type { Principal } from '../../platform/principal.js';
import type { ConsultationService } from './consultations.service.js';
import { recognitionCsv } from './recognition.js';

const IdParam = z.strictObject({ id: Id });
const ResourceParams = z.strictObject({ id: Id, resourceId: Id });
/**
 * The media type of a shared resource's body: JSON, but larger than the API's 16 kB (a sealed document of up to
 * 256 KB), so it has its own parser here and the general one passes it by.
 */
export const RESOURCE_MEDIA_TYPE = 'application/vnd.staffroom.resource+json';
const principalOf = (res: Response) => res.locals.principal as Principal;

/** Requests, offers, profiles, keys and feedback over HTTP; conversation traffic is on the socket. */
export function createConsultationRoutes(
  service: ConsultationService,
  requireAuth: RequestHandler,
  limit: RouteLimits,
): Router {
  const router = Router();
  for (const path of ['/consultant', '/support-request', '/conversations', '/keys', '/programme']) {
    router.use(path, requireAuth);
  }

  router.get('/consultant/profile', async (_req, res) => {
    res.json({ profile: await service.profile(principalOf(res)) });
  });
  router.put('/consultant/profile', limit('consultant-profile'), async (req, res) => {
    res.json({
      profile: await service.saveProfile(principalOf(res), parseInput(ConsultantProfileInput, req.body)),
    });
  });
  router.get('/consultant/recognition', async (_req, res) => {
    res.json({ record: await service.recognition(principalOf(res)) });
  });
  router.get('/consultant/recognition.csv', limit('recognition-csv'), async (_req, res) => {
    const csv = recognitionCsv(await service.recognition(principalOf(res)));
    res
      .type('text/csv')
      .attachment('staffroom-record-of-support.csv')
      .set('Cache-Control', 'no-store')
      .send(csv);
  });
  router.get('/consultant/caseload', async (_req, res) => {
    res.json({ caseload: await service.caseload(principalOf(res)) });
  });
  router.get('/consultant/offers', async (_req, res) => {
    res.json({ offers: await service.offers(principalOf(res)) });
  });
  router.post('/consultant/offers/:id/accept', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.json(await service.respond(principalOf(res), id, true));
  });
  router.post('/consultant/offers/:id/decline', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    res.json(await service.respond(principalOf(res), id, false));
  });

  router.post('/support-request', limit('support-request'), async (req, res) => {
    res
      .status(201)
      .json({ request: await service.requestSupport(principalOf(res), parseInput(IntakeBody, req.body)) });
  });
  router.post('/support-request/reciprocal', limit('support-request'), async (req, res) => {
    res.status(201).json({
      request: await service.optInReciprocal(principalOf(res), parseInput(ReciprocalBody, req.body)),
    });
  });
  router.post('/support-request/widen', limit('support-request'), async (req, res) => {
    const { widen } = parseInput(WidenBody, req.body);
    res.json({ request: await service.widen(principalOf(res), widen) });
  });
  router.get('/support-request/notes', async (_req, res) => {
    res.json({ work: await service.intakeSealWork(principalOf(res)) });
  });
  router.put('/support-request/notes', limit('intake-notes'), async (req, res) => {
    res.json(await service.saveIntakeNotes(principalOf(res), parseInput(IntakeNotesBody, req.body)));
  });
  router.get('/support-request', async (_req, res) => {
    res.json({ request: await service.myRequest(principalOf(res)) });
  });
  router.delete('/support-request', limit('support-request'), async (_req, res) => {
    await service.withdraw(principalOf(res));
    res.json({ ok: true });
  });

  router.get('/conversations', async (_req, res) => {
    res.json({ conversations: await service.conversations(principalOf(res)) });
  });
  router.post('/conversations/:id/feedback', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const { support } = await service.giveFeedback(principalOf(res), id, parseInput(FeedbackBody, req.body));
    res.status(201).json({ ok: true, ...(support ? { support } : {}) });
  });

  /**
   * Share a link or a document in a conversation: its sealed description and, for a document, the sealed body.
   * Over HTTP because a document does not fit a socket frame; the server sees sizes only.
   */
  router.post(
    '/conversations/:id/resources',
    limit('resource-share'),
    express.json({ limit: RESOURCE_LIMITS.shareBodyBytes, strict: true, type: [RESOURCE_MEDIA_TYPE] }),
    async (req, res) => {
      const { id } = parseInput(IdParam, req.params);
      const p = principalOf(res);
      const resource = await service.shareResource(p, id, parseInput(ShareResourceBody, req.body));
      res.status(201).json({ resource });
    },
  );
  /** A shared document's sealed body, as bytes (participants only). */
  router.get('/conversations/:id/resources/:resourceId', async (req, res) => {
    const { id, resourceId } = parseInput(ResourceParams, req.params);
    const document = await service.resourceDocument(principalOf(res), id, resourceId);
    res.type('application/octet-stream').send(Buffer.from(document, 'base64'));
  });

  router.get('/keys', async (_req, res) => {
    res.json({ keys: await service.myKeys(principalOf(res)) });
  });
  router.put('/keys', limit('keys'), async (req, res) => {
    await service.saveKeys(principalOf(res), parseInput(KeyBundle, req.body));
    res.json({ ok: true });
  });

  router.get('/programme/consultations', async (_req, res) => {
    res.json(await service.programme(principalOf(res)));
  });
  router.get('/programme/unmatched', limit('unmatched'), async (_req, res) => {
    res.json({ requests: await service.unmatched(principalOf(res)) });
  });
  router.post('/programme/unmatched/:id/assign', async (req, res) => {
    const { id } = parseInput(IdParam, req.params);
    const { consultant } = parseInput(AssignBody, req.body);
    res.json(await service.assign(principalOf(res), id, consultant));
  });

  return router;
}
