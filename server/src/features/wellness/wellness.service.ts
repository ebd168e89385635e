import { createHmac } from 'node:crypto';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { detectCrisis } from '@staffroom/shared/guards/crisis';
import { describeFindings, detectIdentifying } from '@staffroom/shared/guards/privacy';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import {
  COHORTS,
  PULSE_ITEMS,
  type ActivityFigures,
  type FeedbackBoxBody,
  type FeedbackBoxResult,
  type Cohort,
  type ProgrammeWellness,
  type PulseBody,
  type PulseGroup,
  type PulseStatus,
  type SealedHistory,
} from '@staffroom/shared/schemas/wellness';
import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/log.js';
import type { Principal } from '../../platform/principal.js';
import type { RateLimit } from '../../platform/rate-limit.js';
import {
  feedbackBatches,
  nKey,
  selectFigures,
  valueKey,
  weekFigures,
  type Band,
  type Histogram,
} from './aggregate.js';
import {
  activityWeek,
  cohortTeachers,
  feedbackMonths,
  summariseSupport,
  type FrozenWeek,
  type SupportRecords,
} from './activity.js';
import type { WellnessStore } from './wellness.store.js';
import { WEEK_MS, weekOf, weeksBefore } from './week.js';

/** Programme activity as the other capabilities count it (app.ts composes it); people counts are k-protected here. */
export interface RawActivity {
  groups: number;
  groupMembers: number;
  supportWaiting: number;
  supportActive: number;
  feedbackResponses: number;
}

export interface WellnessDeps {
  store: WellnessStore;
  /** Secret for the per-week answer tokens (the passphrase pepper). */
  pepper: string;
  /** No figure rests on fewer people than this (≥ 5, checked by config). */
  k: number;
  /** Answers a node holds (as counts) before adding them to the histogram; the week's end flushes the rest. */
  batchMin: number;
  /** How often each node looks for a batch to flush. */
  flushMs: number;
  /** The day pulse weeks begin (0 = Sunday). */
  weekStartDay: number;
  retentionWeeks: number;
  /** The account's cohort at answer time, from memberships and conversations. */
  cohortOf(accountId: string): Promise<Cohort>;
  teacherCount(): Promise<number>;
  activity(): Promise<RawActivity>;
  /** One-to-one requests and conversations as records without content (for the weekly summary). */
  supportRecords(): Promise<SupportRecords>;
  /** Teachers in one-to-one support now, and teachers in a group but not in support. */
  cohortCounts(): Promise<{ inSupport: number; inGroupsOnly: number }>;
  /** Closing feedback of one-to-one support (month only). */
  closingFeedback(): Promise<{ helpfulness: number; recommend: boolean; month: string }[]>;
  /** The privacy guard's school names and the crisis resources, for the feedback box. */
  guards: { schoolNames: readonly string[]; crisisResources: SupportResource[] };
  /** Pulse answers, history writes and feedback-box comments, per account across nodes. */
  writeLimit: RateLimit;
  /** Reads the time (a test seam: tests move it from week to week). */
  clock(): Promise<number>;
  log: Logger;
}

interface Pending {
  counts: Histogram;
  responses: number;
}

/** A node's activity of one week, held until the tick adds it to the store. */
interface HeldActivity {
  messages: number;
  meetings: number;
  /** Account ids, in memory only: each becomes its per-week token when the week's activity is flushed. */
  posters: Set<string>;
  groups: Set<string>;
}

/** Distinct posters or groups a node holds for a week before flushing early (bounds its memory). */
const HELD_PEOPLE_MAX = 10_000;

const DAY_S = 86_400;

/**
 * The pulse and the programme view.
 *
 * What the server keeps of an answer: one HMAC token in the week's "answered" set (so a second answer is
 * refused; the token says that the account answered, never what), and, later, +1 on histogram counters of
 * the teacher's cohort and band. In between, a node holds answers only as summed counts in memory, and adds
 * them to Redis in one transaction once `batchMin` answers are held or the week has ended.
 *
 * What remains (also in README.md): someone who watches Redis live (MONITOR, or snapshots between batches)
 * sees a token added at answer time and, later, a batch of ≥ batchMin answers added at once: they learn that
 * the answer is one of that batch, not which. The week's last batch on a node can be smaller than batchMin
 * (a quiet node); with a single node and a single late answer that batch is one answer. The pepper holder can
 * test whether an account answered a given week (not what). A node that crashes loses the answers it held
 * (the tokens stay: those teachers cannot answer again that week), and so does one that cannot reach Redis
 * until the week has been shown (its batch is dropped rather than moving figures already seen). The teacher's sealed history is written
 * from their device about when they answer, so its write time correlates with the token; its content and
 * length (padded on the device) do not. Group activity keeps who posted only as a per-week HMAC token in a
 * HyperLogLog (eight days): the pepper holder can test whether an account posted in a given week, nobody else
 * can; the count of posters is frozen with the week's summary.
 */
export function createWellnessService(deps: WellnessDeps) {
  const { store, k } = deps;
  const pending = new Map<string, Pending>();
  const held = new Map<string, HeldActivity>();
  const graceMs = 2 * deps.flushMs + 5_000;
  /** deps.clock() − Date.now() at the last tick: the message path reads the time without awaiting anything. */
  let clockOffset = 0;
  /** Weeks this node knows are frozen (bounded: weeks are few). */
  const frozenWeeks = new Set<string>();

  const token = (week: string, accountId: string) =>
    createHmac('sha256', deps.pepper).update(`pulse:${week}:${accountId}`).digest('base64url');
  /** The week holding `now`; the last one is kept, since the message path asks on every message. */
  let lastWeek = weekOf(0, deps.weekStartDay);
  const week = (now: number) =>
    now >= lastWeek.start && now < lastWeek.end ? lastWeek : (lastWeek = weekOf(now, deps.weekStartDay));
  /** Answer tokens live until eight days after the week closes. */
  const tokenTtl = (now: number) => Math.ceil((week(now).end + 8 * DAY_S * 1000 - now) / 1000);
  const retentionS = deps.retentionWeeks * 7 * DAY_S;

  const requireTeacher = (p: Principal) => {
    if (p.role !== 'member') throw new AppError(ErrorCode.FORBIDDEN, 'Only teachers take the pulse.');
  };
  /** The limiter's key is a token too: a Redis scan must not show which accounts wrote to the pulse. */
  const spend = (p: Principal) =>
    deps.writeLimit.consume(
      createHmac('sha256', deps.pepper).update(`pulse-rate:${p.accountId}`).digest('base64url'),
    );
  const heldFor = (weekId: string): HeldActivity => {
    let h = held.get(weekId);
    if (!h) {
      h = { messages: 0, meetings: 0, posters: new Set(), groups: new Set() };
      held.set(weekId, h);
    }
    return h;
  };

  /** Adds a week's held activity to the store (dropped, like a pulse batch, once the week may have been shown). */
  async function flushActivity(weekId: string, now: number): Promise<void> {
    const h = held.get(weekId);
    if (!h) return;
    held.delete(weekId);
    const weekEnd = Date.parse(`${weekId}T00:00:00Z`) + WEEK_MS;
    if (now >= weekEnd + graceMs) {
      deps.log.warn({ messages: h.messages }, 'activity counts too late for a closed week: dropped');
      return;
    }
    try {
      await store.addActivity(
        weekId,
        { messages: h.messages, meetings: h.meetings },
        [...h.posters].map((accountId) =>
          createHmac('sha256', deps.pepper).update(`active:${weekId}:${accountId}`).digest('base64url'),
        ),
        [...h.groups],
        Math.ceil((weekEnd - now) / 1000) + retentionS,
        Math.ceil((weekEnd + 8 * DAY_S * 1000 - now) / 1000),
      );
    } catch (err) {
      const again = heldFor(weekId);
      again.messages += h.messages;
      again.meetings += h.meetings;
      for (const t of h.posters) again.posters.add(t);
      for (const g of h.groups) again.groups.add(g);
      throw err;
    }
  }

  /** Once every node has flushed a closed week: its summary, computed once and kept (the first node wins). */
  async function freeze(weekId: string, now: number): Promise<void> {
    const start = Date.parse(`${weekId}T00:00:00Z`);
    if (frozenWeeks.has(weekId) || now < start + WEEK_MS + graceMs) return;
    const [stored] = await store.activity([weekId]);
    if (!stored?.frozen) {
      const [people, records, cohorts, total] = await Promise.all([
        store.activityPeople(weekId),
        deps.supportRecords(),
        deps.cohortCounts(),
        deps.teacherCount(),
      ]);
      const frozen: FrozenWeek = {
        posters: people.posters,
        activeGroups: people.activeGroups,
        teachers: cohortTeachers(cohorts.inSupport, cohorts.inGroupsOnly, total),
        ...summariseSupport(records, start, start + WEEK_MS),
      };
      await store.freezeActivity(weekId, frozen, Math.ceil((start + WEEK_MS - now) / 1000) + retentionS);
    }
    frozenWeeks.add(weekId);
    if (frozenWeeks.size > 64) frozenWeeks.delete(frozenWeeks.values().next().value as string);
  }

  /** Moves a week's held counts into the store; on failure they are held again for the next tick. */
  async function flush(weekId: string): Promise<void> {
    const batch = pending.get(weekId);
    if (!batch) return;
    pending.delete(weekId);
    const weekEnd = Date.parse(`${weekId}T00:00:00Z`) + WEEK_MS;
    const now = await deps.clock();
    if (now >= weekEnd + graceMs) {
      // The week may already have been shown: adding to it now would let two looks be subtracted.
      deps.log.warn({ answers: batch.responses }, 'pulse batch too late for a closed week: dropped');
      return;
    }
    try {
      const teachers = await deps.teacherCount();
      const ttl = Math.max(DAY_S, Math.ceil((weekEnd - now) / 1000) + retentionS);
      await store.addCounts(weekId, batch.counts, teachers, ttl);
    } catch (err) {
      const again = pending.get(weekId) ?? { counts: {}, responses: 0 };
      for (const [f, n] of Object.entries(batch.counts)) again.counts[f] = (again.counts[f] ?? 0) + n;
      again.responses += batch.responses;
      pending.set(weekId, again);
      throw err;
    }
  }

  return {
    async status(p: Principal): Promise<PulseStatus> {
      requireTeacher(p);
      const now = await deps.clock();
      const w = week(now);
      return {
        week: w.id,
        answered: await store.hasClaimed(w.id, token(w.id, p.accountId)),
        closesAt: w.end,
      };
    },

    async answer(p: Principal, body: PulseBody): Promise<void> {
      requireTeacher(p);
      await spend(p);
      const now = await deps.clock();
      const w = week(now);
      // Looked up before the claim: if it fails, nothing was recorded and the teacher can try again.
      const cohort = await deps.cohortOf(p.accountId);
      if (!(await store.claim(w.id, token(w.id, p.accountId), tokenTtl(now)))) {
        throw new AppError(ErrorCode.CONFLICT, 'You have already taken this week’s pulse. Thank you.');
      }
      const band: Band = body.band === 'first-year' ? 'first-year' : 'rest';
      const held = pending.get(w.id) ?? { counts: {}, responses: 0 };
      pending.set(w.id, held);
      const add = (field: string) => (held.counts[field] = (held.counts[field] ?? 0) + 1);
      add(nKey(cohort, band));
      for (const item of PULSE_ITEMS) {
        const value = body.answers[item.id];
        if (value !== undefined) add(valueKey(cohort, band, item.id, value));
      }
      held.responses += 1;
      if (held.responses >= deps.batchMin) {
        await flush(w.id).catch((err: unknown) =>
          deps.log.warn({ err: String(err) }, 'pulse batch not stored yet; retried on the next tick'),
        );
      }
    },

    /** Every node, every `flushMs`: a full batch, or whatever is held for a week that has ended. */
    async tick(): Promise<void> {
      const now = await deps.clock();
      clockOffset = now - Date.now();
      const current = week(now).id;
      for (const [weekId, batch] of [...pending]) {
        if (weekId !== current || batch.responses >= deps.batchMin) await flush(weekId);
      }
      for (const weekId of [...held.keys()]) await flushActivity(weekId, now);
      await freeze(week(now - WEEK_MS).id, now);
    },

    /** Graceful shutdown: what is held is stored rather than lost. */
    async flushAll(): Promise<void> {
      for (const weekId of [...pending.keys()]) await flush(weekId);
      const now = await deps.clock();
      for (const weekId of [...held.keys()]) await flushActivity(weekId, now);
    },

    /**
     * After a group message was stored (its ack): counted in memory only, so the message path does no I/O here.
     * Who posted is kept as a per-week token, counted by the store, never readable back.
     */
    recordMessage(accountId: string, groupId: string): void {
      const weekId = week(Date.now() + clockOffset).id;
      const h = heldFor(weekId);
      h.messages += 1;
      h.posters.add(accountId);
      h.groups.add(groupId);
      if (h.posters.size >= HELD_PEOPLE_MAX || h.groups.size >= HELD_PEOPLE_MAX) {
        void flushActivity(weekId, Date.now() + clockOffset).catch((err: unknown) =>
          deps.log.warn({ err: String(err) }, 'activity counts not stored yet; retried on the next tick'),
        );
      }
    },

    /** A group meeting started (the announcer hands each one to exactly one node). */
    recordMeeting(): void {
      heldFor(week(Date.now() + clockOffset).id).meetings += 1;
    },

    /** The feedback box: text and week only, one comment per account per week. */
    async leaveFeedback(p: Principal, body: FeedbackBoxBody): Promise<FeedbackBoxResult> {
      if (p.role === 'admin')
        throw new AppError(
          ErrorCode.FORBIDDEN,
          'Coordinators read the feedback box; they do not write in it.',
        );
      await spend(p);
      // Risk is looked at first: whatever happens next, a writer who may be at risk is shown where to turn.
      const support = detectCrisis(body.text).risk ? deps.guards.crisisResources : undefined;
      if (!body.confirmIdentifying) {
        const findings = detectIdentifying(body.text, { schoolNames: deps.guards.schoolNames });
        if (findings.length > 0) {
          throw new AppError(
            ErrorCode.PRIVACY_CONFIRM_REQUIRED,
            `This may identify you or someone else: ${describeFindings(findings)}.`,
            {
              findings: findings.map((f) => ({ kind: f.kind, match: f.match })),
              ...(support ? { support } : {}),
            },
          );
        }
      }
      const now = await deps.clock();
      const w = week(now);
      const textTtl = Math.ceil((w.end - now) / 1000) + retentionS;
      const fbToken = createHmac('sha256', deps.pepper)
        .update(`feedback:${w.id}:${p.accountId}`)
        .digest('base64url');
      if (!(await store.addFeedback(w.id, fbToken, body.text, tokenTtl(now), textTtl))) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'You have already left a comment this week. Thank you.',
          support ? { support } : {},
        );
      }
      return support ? { ok: true, support } : { ok: true };
    },

    async history(p: Principal): Promise<SealedHistory | null> {
      requireTeacher(p);
      return store.history(p.accountId);
    },
    async saveHistory(p: Principal, sealed: SealedHistory): Promise<void> {
      requireTeacher(p);
      await spend(p);
      await store.saveHistory(p.accountId, sealed, retentionS);
    },
    async deleteHistory(p: Principal): Promise<void> {
      requireTeacher(p);
      await store.deleteHistory(p.accountId);
    },

    /** Coordinators: closed weeks only, every figure k-protected (see aggregate.ts). */
    async programme(
      p: Principal,
      query: { weeks: number; group?: PulseGroup | undefined },
    ): Promise<ProgrammeWellness> {
      if (p.role !== 'admin')
        throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can see this.');
      const now = await deps.clock();
      // A week is shown once every node has had time to flush its last batch of it.
      const closedBefore = now - week(now).start >= graceMs ? now : now - WEEK_MS;
      const ids = weeksBefore(closedBefore, deps.weekStartDay, query.weeks);
      // Feedback is read over every retained closed week, whatever the query; stored cuts keep its batches in place.
      const feedbackIds = weeksBefore(closedBefore, deps.weekStartDay, Math.min(deps.retentionWeeks, 156));
      // The latest closed week's summary may not be written yet (no tick since): computed here then.
      await freeze(weekOf(closedBefore - WEEK_MS, deps.weekStartDay).id, now);
      const [stored, raw, texts, cuts, activity, closing] = await Promise.all([
        store.weeks(ids),
        deps.activity(),
        store.feedback(feedbackIds),
        store.feedbackCuts(feedbackIds),
        store.activity(ids),
        deps.closingFeedback(),
      ]);
      const { batches: feedback, newCuts } = feedbackBatches(feedbackIds, texts, cuts, k);
      for (const cut of newCuts) await store.markFeedbackCut(cut.to, cut.from, retentionS);
      const figures = ids.map((id, i) => {
        const w = stored[i] ?? { histogram: {}, teachers: null };
        const frozen = activity[i]?.frozen ?? null;
        // With a summary, its teachers count is used, so the cohorts' teachers add up to the total shown.
        const teachers = frozen && w.teachers !== null ? frozen.teachers.total : w.teachers;
        const cohorts = frozen
          ? (Object.fromEntries(COHORTS.map((c) => [c, frozen.teachers[c]])) as Record<Cohort, number>)
          : null;
        return weekFigures(id, w.histogram, k, teachers, cohorts);
      });
      const people = (n: number) => (n >= k ? n : null);
      const current: ActivityFigures = {
        groups: raw.groups,
        groupMembers: people(raw.groupMembers),
        supportWaiting: people(raw.supportWaiting),
        supportActive: people(raw.supportActive),
        feedbackResponses: people(raw.feedbackResponses),
      };
      const activityWeeks = ids
        .map((id, i) =>
          activityWeek(
            id,
            activity[i]?.counts ?? { messages: 0, meetings: 0 },
            activity[i]?.frozen ?? null,
            k,
          ),
        )
        .slice(-query.weeks);
      return {
        k,
        feedback,
        weeks: selectFigures(figures, query),
        activity: current,
        activityWeeks,
        closingFeedback: feedbackMonths(closing, new Date(now).toISOString().slice(0, 7), k),
      };
    },
  };
}

export type WellnessService = ReturnType<typeof createWellnessService>;
