import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  CreateGroupBody,
  CreateMeetingBody,
  GroupsQuery,
  Id,
  UpdateGroupBody,
} from '@staffroom/shared/schemas/groups';
import { parseInput } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { GroupService } from './groups.service.js';

const GroupParam = z.strictObject({ id: Id });
const MeetingParam = z.strictObject({ id: Id, meetingId: Id });
const principalOf = (res: Response) => res.locals.principal as Principal;

/** Browsing and administering groups over HTTP; live group traffic is on the socket. */
export function createGroupRoutes(groups: GroupService, requireAuth: RequestHandler): Router {
  const router = Router();
  router.use('/groups', requireAuth);
  router.use('/meetings', requireAuth);

  router.get('/groups', async (req, res) => {
    const query = parseInput(GroupsQuery, { ...req.query });
    res.json({ groups: await groups.listGroups(principalOf(res), query) });
  });

  router.post('/groups', async (req, res) => {
    const body = parseInput(CreateGroupBody, req.body);
    res.status(201).json({ group: await groups.createGroup(principalOf(res), body) });
  });

  router.get('/groups/:id', async (req, res) => {
    const { id } = parseInput(GroupParam, req.params);
    res.json({ group: await groups.getGroup(principalOf(res), id) });
  });

  router.patch('/groups/:id', async (req, res) => {
    const { id } = parseInput(GroupParam, req.params);
    const body = parseInput(UpdateGroupBody, req.body);
    res.json({ group: await groups.updateGroup(principalOf(res), id, body) });
  });

  router.post('/groups/:id/meetings', async (req, res) => {
    const { id } = parseInput(GroupParam, req.params);
    const body = parseInput(CreateMeetingBody, req.body);
    res.status(201).json({ meeting: await groups.addMeeting(principalOf(res), id, body) });
  });

  router.delete('/groups/:id/meetings/:meetingId', async (req, res) => {
    const { id, meetingId } = parseInput(MeetingParam, req.params);
    await groups.removeMeeting(principalOf(res), id, meetingId);
    res.json({ ok: true });
  });

  router.get('/meetings/week', async (_req, res) => {
    res.json({ meetings: await groups.meetingsThisWeek(principalOf(res)) });
  });

  return router;
}
