import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { GROUP_LIMITS, K_MIN, RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { ADJECTIVES, ANIMALS } from '@staffroom/shared/rules/suggestions';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type {
  CheckIn,
  ConsultantProfile,
  ConsultantProfileBody,
  ConversationSummary,
  ConversationView,
  FeedbackSummary,
  IntakeNotesBody,
  PassOnNoteBody,
  IntakeSealWork,
  KeyBundle,
  MyRequest,
  Offer,
  PinnedIntake,
  UnmatchedRequest,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealedResource,
  SealedV2,
  SealKind,
  ShareResourceBody,
  SessionType,
  RecognitionRecord,
  Caseload,
  CaseloadEntry,
  ReciprocalBody,
  ReciprocalSide,
  Widen,
} from '@staffroom/shared/schemas/consultations';
import {
  AREAS,
  TAPER_WEEKS,
  TERM_ENDING_DAYS,
  VOLUNTEER_CAPACITY_MAX,
  termEndMs,
  type Area,
} from '@staffroom/shared/schemas/consultations';
import type { z } from 'zod';
import { INTAKE_COPIES_MAX } from '@staffroom/shared/schemas/consultations';
import type { FeedbackBody, IntakeBody as IntakeSchema } from '@staffroom/shared/schemas/consultations';
import { AppError } from '../../platform/errors.js';
import { approxBytes, fitBytes } from '../../platform/page-budget.js';
import type { Principal } from '../../platform/principal.js';
import {
  crosses,
  excludedFor,
  nearestMatches,
  offersKind,
  rankConsultants,
  whyUnmatched,
  withCommitment,
  type Candidate,
  type Need,
} from './matching.js';
import { recognitionRecord } from './recognition.js';
import type {
  ConsultantRecord,
  ConsultationStore,
  ConversationRecord,
  IntakeNoteCopy,
  RequestRecord,
  Role,
} from './consultations.store.js';
import { INTAKE_SELF } from './consultations.store.js';

export interface ConsultationNotifier {
  /** A consultant has a new offer, or lost one. */
  offers(consultantId: string): void;
  /** A teacher's request changed status. */
  request(teacherId: string): void;
  /** A conversation changed (status, goals, check-ins): both parties refresh. */
  conversation(conversationId: string): void;
  message(message: SealedMessage): void;
}

export interface ConsultationDeps {
  store: ConsultationStore;
  /** Secret for hashing school and district names (the passphrase pepper). */
  pepper: string;
  offerMs: number;
  /** Sealed messages kept per conversation (`CONVO_MAX_MESSAGES`); older ones are trimmed. */
  maxMessages?: number;
  /** Finished requests and closed conversations are deleted this long after (absent: kept). */
  retentionMs?: number;
  notify: ConsultationNotifier;
  /** An account's role now (from accounts): a request is assigned by hand only to a consultant. */
  roleOf?: (accountId: string) => Promise<string | null>;
  /** Records a coordinator's action in the audit log (from moderation). */
  audit?: (p: Principal, target: string, reason: string) => Promise<void>;
  /**
   * The privacy guard on a text people will read (from moderation): throws PRIVACY_CONFIRM_REQUIRED unless
   * confirmed; returns the crisis contacts when the text suggests risk. Absent: no check.
   */
  checkText?: (
    text: string,
    opts: { confirmIdentifying: boolean; privacy?: boolean; crisis?: boolean; field?: string },
  ) => { support: SupportResource[] | null };

  /** Whether the account is banned from Staffroom (from moderation): never matched, offered or assigned. */
  isBanned?: (accountId: string) => Promise<boolean>;

  now?: () => number;
}

const newId = () => randomBytes(9).toString('base64url');
const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such conversation.');
const ACTIVE = new Set(['active', 'closing']);
const staleCounter = () =>
  new AppError(
    ErrorCode.CONFLICT,
    'This was sealed with a counter already used (another device of yours sent meanwhile). Try again.',
    { field: 'counter' },
  );
const wrongKind = () =>
  new AppError(ErrorCode.INVALID_PAYLOAD, 'This sealed item is of another kind.', { field: 'meta' });
/** Goals and check-ins one conversation may hold: each is up to 24 kB sealed, and `convo:open` returns them all. */
const MAX_GOALS = 30;
const MAX_CHECK_INS = 60;
/** The stream is trimmed every this many messages, not on every send. */
const TRIM_EVERY = 50;

/** A place name reduced to a comparable, unreadable token; empty stays empty. */
/** Urgent requests before the others, each part in the order given (a stable sort keeps oldest first). */
export function urgentFirst<T extends { urgent?: boolean }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Number(b.urgent === true) - Number(a.urgent === true));
}

function placeHash(pepper: string, place: string | undefined): string {
  const normal = (place ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return normal ? createHmac('sha256', pepper).update(`place:${normal}`).digest('base64url') : '';
}

/**
 * The name a consultant sees for the teacher of one request and its conversation: two friendly words and three
 * digits from a keyed hash of the request id. Stable for the request, unrelated to the account pseudonym, and
 * different for each request, so nothing links a conversation to the teacher's group posts or other requests.
 */
export function conversationAlias(pepper: string, requestId: string): string {
  const h = createHmac('sha256', pepper).update(`convo-name:${requestId}`).digest();
  const adjective = ADJECTIVES[h.readUInt16BE(0) % ADJECTIVES.length] ?? 'Calm';
  const animal = ANIMALS[h.readUInt16BE(2) % ANIMALS.length] ?? 'Heron';
  return `${adjective} ${animal} ${100 + (h.readUInt16BE(4) % 900)}`;
}

/** The structured intake a conversation keeps pinned for both parties (never the note, school or district). */
function pinnedIntakeOf(r: RequestRecord): PinnedIntake {
  return {
    grades: r.grades,
    subjects: r.subjects,
    reasons: r.reasons,
    focus: r.focus,
    workStyles: r.workStyles,
    preferredTimes: r.preferredTimes,
    ...(r.urgent ? { urgent: true } : {}),
  };
}

/** A public key's short fingerprint: copies of a note are tied to the two keys they were sealed between. */
const keyPrint = (publicKey: string) =>
  createHash('sha256').update(publicKey).digest('base64url').slice(0, 22);
const copyKeys = (teacherKey: string, holderKey: string) => `${keyPrint(teacherKey)}.${keyPrint(holderKey)}`;

const WEEK_MS = 7 * 24 * 3600_000;
const isArea = (a: string): a is Area => (AREAS as readonly string[]).includes(a);

/** Items the retention sweep deletes per store call (so one call stays short). */
const PURGE_BATCH = 100;

export function createConsultationService(deps: ConsultationDeps) {
  const { store, notify } = deps;
  const now = deps.now ?? Date.now;

  const requireAdmin = (p: Principal) => {
    if (p.role !== 'admin')
      throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can see this.');
  };
  const requireRole = (p: Principal, role: 'consultant' | 'member') => {
    if (p.role !== role) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        role === 'consultant'
          ? 'Only consultants can do this.'
          : 'Only teachers (members) can ask for support.',
      );
    }
  };

  async function activeCount(consultantId: string): Promise<number> {
    return (await store.conversationsOf(consultantId)).filter(
      (c) => c.consultantId === consultantId && ACTIVE.has(c.status) && !c.reciprocal,
    ).length;
  }

  const alias = (requestId: string) => conversationAlias(deps.pepper, requestId);
  /** What the teacher's browser calls a consultant: opaque, and different for every request (never the account id). */
  const recipientId = (requestId: string, accountId: string) =>
    createHmac('sha256', deps.pepper)
      .update(`intake-recipient:${requestId}:${accountId}`)
      .digest('base64url')
      .slice(0, 22);
  const isOpen = (r: RequestRecord) => r.status === 'offered' || r.status === 'waiting';

  const needOf = (r: RequestRecord): Need => ({
    teacherId: r.teacherId,
    grades: r.grades,
    subjects: r.subjects,
    focus: r.focus,
    preferredTimes: r.preferredTimes,
    schoolHash: r.schoolHash,
    districtHash: r.districtHash,
    passed: r.passed,
    kind: r.kind,
    widen: r.widen ?? null,
  });
  /** Every consultant not banned from Staffroom. */
  async function eligible() {
    const consultants = await store.listConsultants();
    const { isBanned } = deps;
    if (!isBanned) return consultants;
    const banned = await Promise.all(consultants.map((c) => isBanned(c.accountId)));
    return consultants.filter((_, i) => !banned[i]);
  }
  /**
   * Every such consultant with how many conversations they hold now (matching's view of them): a volunteer's small
   * cap, a released consultant whose term is over as paused.
   */
  async function candidates(): Promise<Candidate[]> {
    const consultants = await eligible();
    const at = now();
    return Promise.all(
      consultants.map(async (c) => withCommitment({ ...c, active: await activeCount(c.accountId) }, at)),
    );
  }
  /** Those who offer the kind of support the request asks for. */
  const forKind = <C extends Candidate>(r: RequestRecord, all: readonly C[]) =>
    all.filter((c) => offersKind(c, r.kind));

  const toMyRequest = async (r: RequestRecord): Promise<MyRequest> => ({
    id: r.id,
    status: r.status,
    createdAt: r.createdAt,
    conversationId: r.conversationId,
    alias: alias(r.id),
    hasNote: r.hasNote,
    urgent: r.urgent === true,
    ...(r.status === 'waiting' && !r.reciprocal ? await waitingFacts(r) : { nearest: [] }),
    kind: r.kind ?? 'peer-support',
    reciprocal: r.reciprocal ?? null,
    widen: r.widen ?? null,
    reasons: r.reasons,
  });
  /** Why a request waits, and the nearer matches the teacher may accept (in words, never who). */
  async function waitingFacts(
    r: RequestRecord,
  ): Promise<Required<Pick<MyRequest, 'waitingReason' | 'nearest'>>> {
    const all = forKind(r, await candidates());
    const blocked = await blockedWith(r.teacherId);
    const need = { ...needOf(r), passed: [...new Set([...r.passed, ...blocked])] };
    return { waitingReason: whyUnmatched(need, all), nearest: nearestMatches(need, all) };
  }

  /** Consultants the teacher blocked (or who blocked them): never matched with them again, not even by hand. */
  const blockedWith = async (teacherId: string) =>
    (await store.conversationsOf(teacherId))
      .filter((c) => c.teacherId === teacherId && c.blocked)
      .map((c) => c.consultantId);

  /**
   * The consultants a request's note may be sealed to, best first: the one it is offered to, then those who fit
   * it now or could once they have room (capacity is ignored, everything else of matching holds). Bounded, so a
   * note is never sprayed across every consultant; later ones get a copy as the offer moves on.
   */
  async function noteHolders(r: RequestRecord): Promise<{ accountId: string; publicKey: string | null }[]> {
    const consultants = await eligible();
    if (r.reciprocal) return [];
    const ranked = rankConsultants(
      needOf(r),
      consultants.map((c) => ({ ...c, active: 0 })),
    ).map((x) => x.accountId);
    const ids = [...new Set([...(r.offeredTo ? [r.offeredTo] : []), ...ranked])].slice(
      0,
      INTAKE_COPIES_MAX - 1,
    );
    return Promise.all(
      ids.map(async (accountId) => ({
        accountId,
        publicKey: (await store.getKeys(accountId))?.publicKey ?? null,
      })),
    );
  }

  /** The copy of a note its holder can open with the keys both sides have now, or null. */
  const currentCopy = (copy: IntakeNoteCopy | null, teacherKey: string | null, holderKey: string | null) =>
    copy && teacherKey && holderKey && copy.keys === copyKeys(teacherKey, holderKey) ? copy : null;

  /** Offers the request to the best consultant, or leaves it waiting. Returns the next state it saved. */
  async function offerNext(
    current: RequestRecord,
    expected: Pick<RequestRecord, 'status' | 'offeredTo'>,
  ): Promise<RequestRecord | null> {
    // A reciprocal opt-in waits for a partner teacher, never for a consultant.
    if (current.reciprocal) return null;
    const [best] = rankConsultants(needOf(current), await candidates());
    const next: RequestRecord = best
      ? {
          ...current,
          status: 'offered',
          offeredTo: best.accountId,
          offerExpiresAt: now() + deps.offerMs,
          matchedOn: best.matchedOn,
        }
      : { ...current, status: 'waiting', offeredTo: null, offerExpiresAt: null, matchedOn: '' };
    if (!(await store.updateRequest(expected, next))) return null;
    if (best) notify.offers(best.accountId);
    notify.request(current.teacherId);
    return next;
  }

  /** A consultant declined or let an offer lapse: they are passed over and the next one is asked. */
  async function passOver(r: RequestRecord): Promise<void> {
    if (r.status !== 'offered' || !r.offeredTo) return;
    const previous = r.offeredTo;
    await offerNext({ ...r, passed: [...r.passed, previous] }, { status: 'offered', offeredTo: previous });
    // Whoever passed has no further need of the note; the teacher's browser seals it to the next one.
    await store.saveIntakeNotes(r.id, {}, [previous]);
    notify.offers(previous);
  }

  /** The kind is checked by receivers anyway (it is in the additional data); refusing here keeps junk out. */
  function requireKind(sealed: SealedV2, kind: SealKind): void {
    if (sealed.meta.kind !== kind) throw wrongKind();
  }

  /**
   * At the match: the note's copy sealed between the teacher and this consultant moves to the conversation, so it
   * stays pinned there for both (ECDH is symmetric: either of the two opens it). Every other copy is deleted.
   */
  async function keepNoteWith(
    r: RequestRecord,
    consultantId: string,
    conversationId: string,
    keepSelf = false,
  ): Promise<void> {
    const copy = r.hasNote ? await store.intakeNote(r.id, consultantId) : null;
    if (copy)
      await store.pinIntakeNote(conversationId, {
        requestId: r.id,
        ciphertext: copy.ciphertext,
        iv: copy.iv,
      });
    if (!copy && keepSelf) {
      // Assigned by hand to a consultant who held no copy: only the teacher's own copy stays, until their browser
      // passes the note on (`passOnNote`); no consultant copy outlives the match.
      const drop = Object.keys(await store.intakeNotes(r.id)).filter((h) => h !== INTAKE_SELF);
      await store.saveIntakeNotes(r.id, {}, drop);
      return;
    }
    await store.dropIntakeNotes(r.id);
  }

  /** The teacher's own copy of a request's note, if it still opens with the teacher's current key. */
  async function selfCopyOf(requestId: string, teacherKey: string | null): Promise<IntakeNoteCopy | null> {
    return currentCopy(await store.intakeNote(requestId, INTAKE_SELF), teacherKey, teacherKey);
  }

  async function participant(p: Principal, id: string): Promise<{ c: ConversationRecord; role: Role }> {
    const c = await store.getConversation(id);
    if (!c) throw notFound();
    if (c.teacherId === p.accountId) return { c, role: 'teacher' };
    if (c.consultantId === p.accountId) return { c, role: 'consultant' };
    // Admins and moderators included: nobody else learns whether the conversation exists.
    throw notFound();
  }

  async function writable(p: Principal, id: string) {
    const found = await participant(p, id);
    if (found.c.status === 'closed')
      throw new AppError(ErrorCode.FORBIDDEN, 'This conversation has ended and is read-only.');
    return found;
  }

  async function view(p: Principal, id: string): Promise<ConversationView> {
    const { c, role } = await participant(p, id);
    const peerId = role === 'teacher' ? c.consultantId : c.teacherId;
    const [keys, goals, checkIns, myPin, myCounter, resources, intakeNote] = await Promise.all([
      store.getKeys(peerId),
      store.goals(id),
      store.checkIns(id),
      store.getPin(id, role),
      store.lastCounter(id, role),
      store.resources(id),
      store.intakeNoteOf(id),
    ]);
    // Assigned by hand without the note: the teacher's own copy waits for their browser to pass it on.
    const waiting =
      c.noteFrom && c.intake?.noteNotPassedOn && !intakeNote
        ? await selfCopyOf(
            c.noteFrom,
            role === 'teacher'
              ? ((await store.getKeys(p.accountId))?.publicKey ?? null)
              : (keys?.publicKey ?? null),
          )
        : null;
    // A note pinned here was passed on, whatever the record says (before the compare-and-set looked at the note's
    // fields too, a close racing the pass-on could write back the older record).
    const passedOn = (i: PinnedIntake): PinnedIntake => {
      const { noteNotPassedOn: _lost, ...rest } = i;
      return rest;
    };
    const intake = !c.intake
      ? null
      : intakeNote
        ? passedOn(c.intake)
        : { ...c.intake, ...(waiting ? { notePending: true } : {}) };
    return {
      id: c.id,
      role,
      peer: {
        name: role === 'teacher' ? c.consultantName : c.teacherName,
        publicKey: keys?.publicKey ?? c.erasedKey ?? null,
      },
      seenAs: role === 'teacher' ? c.teacherName : c.consultantName,
      myPin,
      myCounter,
      status: c.status,
      closeProposedBy: c.closeProposedBy,
      createdAt: c.createdAt,
      goals: goals.sort((a, b) => a.updatedAt - b.updatedAt),
      checkIns: checkIns.sort((a, b) => a.startsAt - b.startsAt),
      feedbackDone: c.feedbackDone,
      blocked: c.blocked,
      kind: c.kind ?? 'peer-support',
      intake,
      reciprocal: c.reciprocal
        ? role === 'teacher'
          ? { mine: c.reciprocal.teacher, theirs: c.reciprocal.consultant }
          : { mine: c.reciprocal.consultant, theirs: c.reciprocal.teacher }
        : null,
      intakeNote,
      noteToPass:
        role === 'teacher' && waiting && c.noteFrom
          ? { requestId: c.noteFrom, ciphertext: waiting.ciphertext, iv: waiting.iv }
          : null,
      resources: resources.sort((a, b) => a.ts - b.ts),
    };
  }

  /** Everyone this account has a blocked conversation with, on either side: never paired again. */
  const blockedPeers = async (accountId: string) =>
    (await store.conversationsOf(accountId))
      .filter((c) => c.blocked)
      .map((c) => (c.teacherId === accountId ? c.consultantId : c.teacherId))
      .filter((id) => id !== '');

  /**
   * Pairs a waiting reciprocal opt-in with the teacher who has waited longest among those whose offers and needs
   * cross it (most areas crossing first): never the same school or district, never someone either blocked. The
   * earlier opt-in is the conversation's `teacher` side. Both requests finish (their school and district
   * fingerprints erased); the conversation is sealed end to end with each teacher's own key, as any other.
   */
  async function pairReciprocal(me: RequestRecord): Promise<RequestRecord | null> {
    const mine = me.reciprocal;
    if (!mine) return null;
    const score = (r: RequestRecord) =>
      r.reciprocal
        ? r.reciprocal.offers.filter((a) => mine.wants.includes(a)).length +
          mine.offers.filter((a) => r.reciprocal?.wants.includes(a)).length
        : 0;
    const partners = (await store.waitingRequests())
      .filter(
        (r): r is RequestRecord & { reciprocal: ReciprocalSide } =>
          r.reciprocal !== undefined &&
          r.id !== me.id &&
          r.teacherId !== me.teacherId &&
          crosses(mine, r.reciprocal) &&
          !(me.schoolHash !== '' && r.schoolHash === me.schoolHash) &&
          !(me.districtHash !== '' && r.districtHash === me.districtHash) &&
          !me.passed.includes(r.teacherId) &&
          !r.passed.includes(me.teacherId),
      )
      .sort((a, b) => score(b) - score(a) || a.createdAt - b.createdAt);
    for (const partner of partners) {
      const at = now();
      const conversation: ConversationRecord = {
        id: newId(),
        teacherId: partner.teacherId,
        consultantId: me.teacherId,
        teacherName: alias(partner.id),
        consultantName: alias(me.id),
        createdAt: at,
        status: 'active',
        closeProposedBy: null,
        // The closing feedback is about a consultant's support (programme aggregates): not asked of peers.
        feedbackDone: true,
        blocked: false,
        kind: 'mentorship',
        reciprocal: { teacher: partner.reciprocal, consultant: mine },
      };
      const finish = (r: RequestRecord): RequestRecord => ({
        ...r,
        status: 'matched',
        finishedAt: at,
        conversationId: conversation.id,
        matchedOn: 'reciprocal mentorship',
        schoolHash: '',
        districtHash: '',
      });
      if (!(await store.updateRequest({ status: 'waiting', offeredTo: null }, finish(partner)))) continue;
      if (!(await store.updateRequest({ status: 'waiting', offeredTo: null }, finish(me)))) {
        // Paired (or withdrawn) meanwhile by another node: the partner waits again, under a new request.
        await store.createRequest({ ...partner, id: newId(), createdAt: partner.createdAt });
        notify.request(partner.teacherId);
        return null;
      }
      await store.saveConversation(conversation);
      notify.request(partner.teacherId);
      notify.request(me.teacherId);
      return finish(me);
    }
    return null;
  }

  async function rematchWaiting(): Promise<void> {
    // Urgent requests first (a sign of risk in the note); otherwise oldest first, as the store lists them.
    const waiting = urgentFirst((await store.waitingRequests()).filter((r) => !r.reciprocal));
    for (const r of waiting) await offerNext(r, { status: 'waiting', offeredTo: null });
  }

  async function profile(p: Principal): Promise<ConsultantProfile | null> {
    requireRole(p, 'consultant');
    const c = await store.getConsultant(p.accountId);
    if (!c) return null;
    const { accountId: _a, schoolHash, districtHash, updatedAt: _u, kinds, ...rest } = c;
    return {
      ...rest,
      kinds: kinds ?? ['peer-support'],
      hasSchool: schoolHash !== '',
      hasDistrict: districtHash !== '',
      active: await activeCount(p.accountId),
    };
  }

  /**
   * A close, a block or a feedback: read, decide, and save only if no other of these landed in between
   * (compare-and-set); on a clash, decide again from the fresh record.
   */
  async function transition(
    read: () => Promise<{ c: ConversationRecord; role: Role }>,
    decide: (c: ConversationRecord, role: Role) => ConversationRecord,
  ): Promise<{ prev: ConversationRecord; next: ConversationRecord }> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const { c, role } = await read();
      const next = decide(c, role);
      if (await store.replaceConversation(c, next)) return { prev: c, next };
    }
    throw new AppError(ErrorCode.CONFLICT, 'The conversation changed at the same moment. Try again.');
  }

  /**
   * Closing feedback as coordinators may see it: only from ended months with at least K_MIN answers each, so the
   * figures change once a month and never by one person's answer.
   */
  function frozenFeedback<F extends { month: string }>(all: readonly F[]): F[] {
    const thisMonth = new Date(now()).toISOString().slice(0, 7);
    const perMonth = new Map<string, number>();
    for (const f of all) if (f.month < thisMonth) perMonth.set(f.month, (perMonth.get(f.month) ?? 0) + 1);
    return all.filter((f) => (perMonth.get(f.month) ?? 0) >= K_MIN);
  }

  /**
   * The teacher ends the support (confirming a proposal or not). A reciprocal pair has no consultant: both are
   * teachers and peers, so either ends it, for both at once, and both are told (the open conversation and each
   * one's list of conversations).
   */
  async function confirmClose(p: Principal, id: string): Promise<void> {
    const { next } = await transition(
      () => writable(p, id),
      (c, role) => {
        if (role !== 'teacher' && !c.reciprocal)
          throw new AppError(ErrorCode.FORBIDDEN, 'The teacher confirms the end of the support.');
        return {
          ...c,
          status: 'closed',
          closeProposedBy: c.closeProposedBy ?? role,
          closedAt: c.closedAt ?? now(),
        };
      },
    );
    notify.conversation(id);
    if (next.reciprocal) {
      notify.request(next.teacherId);
      notify.request(next.consultantId);
      return;
    }
    await rematchWaiting(); // the consultant has room again
  }

  return {
    profile,

    async saveProfile(p: Principal, body: ConsultantProfileBody): Promise<ConsultantProfile> {
      requireRole(p, 'consultant');
      const previous = await store.getConsultant(p.accountId);
      const { school, district, confirmIdentifying, ...rest } = body;
      // Teachers read the display name: a real name or other identifying detail needs an explicit "anyway".
      deps.checkText?.(rest.displayName, {
        confirmIdentifying: confirmIdentifying === true,
        crisis: false,
        field: 'displayName',
      });
      const record: ConsultantRecord = {
        ...rest,
        accountId: p.accountId,
        schoolHash: school === undefined ? (previous?.schoolHash ?? '') : placeHash(deps.pepper, school),
        districtHash:
          district === undefined ? (previous?.districtHash ?? '') : placeHash(deps.pepper, district),
        updatedAt: now(),
      };
      await store.saveConsultant(record);
      await rematchWaiting();
      return (await profile(p)) as ConsultantProfile;
    },

    async requestSupport(p: Principal, intake: z.output<typeof IntakeSchema>): Promise<MyRequest> {
      requireRole(p, 'member');
      const { school, district, ...rest } = intake;
      // Never matched again with a consultant either side blocked.
      const blocked = (await store.conversationsOf(p.accountId))
        .filter((c) => c.teacherId === p.accountId && c.blocked)
        .map((c) => c.consultantId);
      // The account pseudonym is deliberately not kept: the consultant sees this request's own alias.
      const request: RequestRecord = {
        id: newId(),
        teacherId: p.accountId,
        ...rest,
        schoolHash: placeHash(deps.pepper, school),
        districtHash: placeHash(deps.pepper, district),
        status: 'waiting',
        createdAt: now(),
        offeredTo: null,
        offerExpiresAt: null,
        matchedOn: '',
        passed: blocked,
        conversationId: null,
      };
      if (!(await store.createRequest(request))) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'You already have an open request. Withdraw it to make a new one.',
        );
      }
      const offered = await offerNext(request, { status: 'waiting', offeredTo: null });
      return toMyRequest(offered ?? request);
    },

    /**
     * Coordinators: the requests no consultant was offered, urgent first, with why and whom they may assign
     * (never a consultant from the teacher's school or district, never one blocked by or blocking the teacher).
     * The request's own name only: never the teacher's pseudonym, never the note.
     */
    async unmatched(p: Principal): Promise<UnmatchedRequest[]> {
      requireAdmin(p);
      const [waiting, everyone] = await Promise.all([store.waitingRequests(), candidates()]);
      return Promise.all(
        urgentFirst(waiting.filter((r) => !r.reciprocal)).map(async (r): Promise<UnmatchedRequest> => {
          const need = needOf(r);
          const all = forKind(r, everyone);
          const blocked = await blockedWith(r.teacherId);
          const ranked = new Map(
            rankConsultants(
              { ...need, passed: [] },
              all.map((c) => ({ ...c, active: 0, paused: false })),
              { loose: true },
            ).map((x) => [x.accountId, x.matchedOn]),
          );
          const consultants = await Promise.all(
            all
              .filter(
                (c) => c.accountId !== r.teacherId && !excludedFor(need, c) && !blocked.includes(c.accountId),
              )
              .map(async (c) => ({
                id: recipientId(r.id, c.accountId),
                name: (await store.getConsultant(c.accountId))?.displayName ?? 'A consultant',
                active: c.active,
                capacity: c.capacity,
                paused: c.paused,
                matchedOn: ranked.get(c.accountId) ?? '',
              })),
          );
          return {
            requestId: r.id,
            alias: alias(r.id),
            createdAt: r.createdAt,
            urgent: r.urgent === true,
            grades: r.grades,
            subjects: r.subjects,
            focus: r.focus,
            reason: whyUnmatched(need, all),
            consultants: consultants.sort(
              (a, b) =>
                Number(b.matchedOn !== '') - Number(a.matchedOn !== '') || a.name.localeCompare(b.name),
            ),
          };
        }),
      );
    },

    /**
     * Coordinators assign a waiting request by hand: the conversation opens at once for the teacher and the
     * consultant (capacity may be exceeded: the coordinator asked them). Only a consultant, never one the
     * teacher's school or district excludes or who is blocked with the teacher.
     */
    async assign(
      p: Principal,
      requestId: string,
      consultantRef: string,
    ): Promise<{ conversationId: string }> {
      requireAdmin(p);
      const r = await store.getRequest(requestId);
      if (!r || r.status !== 'waiting' || r.reciprocal)
        throw new AppError(ErrorCode.NOT_FOUND, 'This request is no longer waiting for a consultant.');
      const consultant = (await candidates()).find((c) => recipientId(r.id, c.accountId) === consultantRef);
      const role = consultant && deps.roleOf ? await deps.roleOf(consultant.accountId) : 'consultant';
      if (!consultant || role !== 'consultant' || consultant.accountId === r.teacherId)
        throw new AppError(ErrorCode.NOT_FOUND, 'No such consultant.', { field: 'consultant' });
      if (!offersKind(consultant, r.kind))
        throw new AppError(
          ErrorCode.FORBIDDEN,
          'This consultant does not offer the kind of support the teacher asked for.',
          { field: 'consultant' },
        );
      if (
        excludedFor(needOf(r), consultant) ||
        (await blockedWith(r.teacherId)).includes(consultant.accountId)
      ) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          'This consultant cannot be assigned: they are from the teacher’s school or district, or blocked.',
          { field: 'consultant' },
        );
      }
      const noteCopy = r.hasNote ? await store.intakeNote(r.id, consultant.accountId) : null;
      // Without a copy for this consultant, the teacher's own copy lets their browser pass the note on later.
      const selfCopy =
        r.hasNote && !noteCopy
          ? await selfCopyOf(r.id, (await store.getKeys(r.teacherId))?.publicKey ?? null)
          : null;
      const profile = await store.getConsultant(consultant.accountId);
      const conversation: ConversationRecord = {
        id: newId(),
        teacherId: r.teacherId,
        consultantId: consultant.accountId,
        teacherName: alias(r.id),
        consultantName: profile?.displayName ?? 'Your consultant',
        createdAt: now(),
        status: 'active',
        closeProposedBy: null,
        feedbackDone: false,
        blocked: false,
        // As when a consultant accepts: the intake pinned for both, so nobody asks twice. The note comes along only
        // when this consultant already held a copy; otherwise both are told it has not been passed on, and the
        // teacher's browser passes it on from its own copy when it next opens the conversation.
        kind: r.kind ?? 'peer-support',
        intake: { ...pinnedIntakeOf(r), ...(r.hasNote && !noteCopy ? { noteNotPassedOn: true } : {}) },
        ...(selfCopy ? { noteFrom: r.id } : {}),
      };
      const matched: RequestRecord = {
        ...r,
        status: 'matched',
        finishedAt: now(),
        conversationId: conversation.id,
        offeredTo: consultant.accountId,
        matchedOn: 'assigned by a coordinator',
        schoolHash: '',
        districtHash: '',
        offerExpiresAt: null,
      };
      if (!(await store.updateRequest({ status: 'waiting', offeredTo: null }, matched)))
        throw new AppError(ErrorCode.CONFLICT, 'This request just changed. Look again.');
      await store.saveConversation(conversation);
      await keepNoteWith(r, consultant.accountId, conversation.id, selfCopy !== null);
      notify.request(r.teacherId);
      notify.offers(consultant.accountId);
      await deps.audit?.(p, `request ${alias(r.id)}`, 'assigned to a consultant by hand');
      return { conversationId: conversation.id };
    },

    /**
     * A teacher opts in as a reciprocal mentorship partner: what they can offer and would like to learn (fixed areas,
     * no free text). Paired at once with the longest-waiting teacher whose offers and needs cross theirs (never one
     * from the same school or district, never one either blocked); otherwise it waits for one. Counts as the
     * teacher's one open request.
     */
    async optInReciprocal(p: Principal, body: z.output<typeof ReciprocalBody>): Promise<MyRequest> {
      requireRole(p, 'member');
      const side: ReciprocalSide = { offers: body.offers, wants: body.wants };
      const request: RequestRecord = {
        id: newId(),
        teacherId: p.accountId,
        grades: [],
        subjects: [],
        reasons: [],
        focus: body.wants.find(isArea) ?? body.offers.find(isArea) ?? 'resources',
        workStyles: [],
        preferredTimes: [],
        hasNote: false,
        kind: 'mentorship',
        reciprocal: side,
        schoolHash: placeHash(deps.pepper, body.school),
        districtHash: placeHash(deps.pepper, body.district),
        status: 'waiting',
        createdAt: now(),
        offeredTo: null,
        offerExpiresAt: null,
        matchedOn: '',
        passed: await blockedPeers(p.accountId),
        conversationId: null,
      };
      if (!(await store.createRequest(request))) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'You already have an open request. Withdraw it to make a new one.',
        );
      }
      const paired = await pairReciprocal(request);
      return toMyRequest(paired ?? request);
    },

    /**
     * The teacher agrees to a nearer match (a consultant who covers the subject in another grade band, or the grade
     * band in another subject): never done without this call. The request is offered again at once.
     */
    async widen(p: Principal, widen: Widen): Promise<MyRequest> {
      requireRole(p, 'member');
      const r = await store.openRequestOf(p.accountId);
      if (!r || r.status !== 'waiting' || r.reciprocal)
        throw new AppError(ErrorCode.NOT_FOUND, 'You have no request waiting for a consultant.');
      const { nearest } = await waitingFacts(r);
      if (!nearest.some((n) => n.widen === widen))
        throw new AppError(ErrorCode.CONFLICT, 'No consultant fits that wider request just now. Look again.');
      const next: RequestRecord = { ...r, widen };
      if (!(await store.updateRequest({ status: 'waiting', offeredTo: null }, next)))
        throw new AppError(ErrorCode.CONFLICT, 'Your request just changed. Look again.');
      const offered = await offerNext(next, { status: 'waiting', offeredTo: null });
      return toMyRequest(offered ?? next);
    },

    /**
     * A consultant's active conversations with how long each has run, when it was last active, the sessions held,
     * and whether to suggest tapering off (long-running, or the release ends within `TERM_ENDING_DAYS`). Times and
     * counts only: never content.
     */
    async caseload(p: Principal): Promise<Caseload> {
      requireRole(p, 'consultant');
      const profile = await store.getConsultant(p.accountId);
      const at = now();
      const termEnd =
        profile?.commitment === 'released' && profile.termEndsAt ? termEndMs(profile.termEndsAt) : null;
      const termEnding = termEnd !== null && termEnd - at <= TERM_ENDING_DAYS * 24 * 3600_000;
      const mine = (await store.conversationsOf(p.accountId)).filter(
        (c) => c.consultantId === p.accountId && ACTIVE.has(c.status) && !c.reciprocal,
      );
      const entries = await Promise.all(
        mine.map(async (c): Promise<CaseloadEntry> => {
          const [checkIns, goals, lastMessage] = await Promise.all([
            store.checkIns(c.id),
            store.goals(c.id),
            store.lastMessageAt(c.id),
          ]);
          const held = checkIns.filter(
            (x) => x.status === 'accepted' && x.startsAt + x.durationMinutes * 60_000 <= at,
          );
          const kind = c.kind ?? 'peer-support';
          const longRunning = at - c.createdAt >= TAPER_WEEKS[kind] * WEEK_MS;
          return {
            id: c.id,
            peerName: c.teacherName,
            kind,
            status: c.status,
            startedAt: c.createdAt,
            lastActivityAt: Math.max(
              c.createdAt,
              lastMessage ?? 0,
              ...goals.map((g) => g.updatedAt),
              ...held.map((x) => x.startsAt + x.durationMinutes * 60_000),
            ),
            sessionsHeld: held.length,
            taper:
              c.status !== 'active' ? null : termEnding ? 'term-ending' : longRunning ? 'long-running' : null,
          };
        }),
      );
      return {
        commitment: profile?.commitment ?? null,
        termEndsAt: profile?.commitment === 'released' ? (profile.termEndsAt ?? null) : null,
        capacity:
          profile?.commitment === 'volunteer'
            ? Math.min(profile.capacity, VOLUNTEER_CAPACITY_MAX)
            : (profile?.capacity ?? 0),
        entries: entries.sort((a, b) => a.startedAt - b.startedAt),
      };
    },

    async myRequest(p: Principal): Promise<MyRequest | null> {
      const r = await store.openRequestOf(p.accountId);
      return r ? toMyRequest(r) : null;
    },

    async withdraw(p: Principal): Promise<void> {
      const r = await store.openRequestOf(p.accountId);
      if (!r) throw new AppError(ErrorCode.NOT_FOUND, 'You have no open request.');
      const next: RequestRecord = {
        ...r,
        status: 'withdrawn',
        finishedAt: now(),
        offeredTo: null,
        offerExpiresAt: null,
        schoolHash: '',
        districtHash: '',
      };
      if (!(await store.updateRequest(r, next)))
        throw new AppError(ErrorCode.CONFLICT, 'Your request just changed. Look again.');
      await store.dropIntakeNotes(r.id);
      if (r.offeredTo) notify.offers(r.offeredTo);
      notify.request(p.accountId);
    },

    async offers(p: Principal): Promise<Offer[]> {
      requireRole(p, 'consultant');
      const list = urgentFirst(await store.offersFor(p.accountId));
      const mine = (await store.getKeys(p.accountId))?.publicKey ?? null;
      return Promise.all(
        list.map(async (r): Promise<Offer> => {
          const teacherKey = r.hasNote ? ((await store.getKeys(r.teacherId))?.publicKey ?? null) : null;
          const copy = r.hasNote
            ? currentCopy(await store.intakeNote(r.id, p.accountId), teacherKey, mine)
            : null;
          return {
            requestId: r.id,
            teacher: alias(r.id),
            grades: r.grades,
            subjects: r.subjects,
            reasons: r.reasons,
            focus: r.focus,
            workStyles: r.workStyles,
            preferredTimes: r.preferredTimes,
            urgent: r.urgent === true,
            noteState: !r.hasNote ? 'none' : copy ? 'sealed' : mine ? 'pending' : 'no-key',
            note: copy ? { ciphertext: copy.ciphertext, iv: copy.iv } : null,
            teacherPublicKey: copy ? teacherKey : null,
            matchedOn: r.matchedOn,
            expiresAt: r.offerExpiresAt ?? 0,
            kind: r.kind ?? 'peer-support',
          };
        }),
      );
    },

    /**
     * What the teacher's browser has to seal: its own copy of the note (to seal it again) and the consultants who
     * could be offered the request but hold no copy for the keys both have now. Null without an open request
     * with a note.
     */
    async intakeSealWork(p: Principal): Promise<IntakeSealWork | null> {
      requireRole(p, 'member');
      const r = await store.openRequestOf(p.accountId);
      if (!r || !r.hasNote || !isOpen(r)) return null;
      const teacherKey = (await store.getKeys(p.accountId))?.publicKey ?? null;
      const [held, holders] = await Promise.all([store.intakeNotes(r.id), noteHolders(r)]);
      const self = currentCopy(held[INTAKE_SELF] ?? null, teacherKey, teacherKey);
      return {
        requestId: r.id,
        self: self ? { ciphertext: self.ciphertext, iv: self.iv } : null,
        recipients: teacherKey
          ? holders.flatMap(({ accountId, publicKey }) =>
              publicKey && !currentCopy(held[accountId] ?? null, teacherKey, publicKey)
                ? [{ consultantId: recipientId(r.id, accountId), publicKey }]
                : [],
            )
          : [],
      };
    },

    /**
     * Stores the copies the teacher's browser sealed. A copy is kept only for a consultant who may be offered the
     * request, sealed to that consultant's current key; copies of consultants no longer in reach are removed.
     */
    async saveIntakeNotes(p: Principal, body: IntakeNotesBody): Promise<{ stored: number }> {
      requireRole(p, 'member');
      const r = await store.openRequestOf(p.accountId);
      if (!r || r.id !== body.requestId || !isOpen(r))
        throw new AppError(ErrorCode.NOT_FOUND, 'You have no open request.');
      if (!r.hasNote) throw new AppError(ErrorCode.CONFLICT, 'This request has no note.');
      const teacherKey = (await store.getKeys(p.accountId))?.publicKey;
      if (!teacherKey) throw new AppError(ErrorCode.CONFLICT, 'Your security key is not set up yet.');
      const holders = await noteHolders(r);
      const byRecipient = new Map(holders.map((h) => [recipientId(r.id, h.accountId), h]));
      const copies: Record<string, IntakeNoteCopy> = {};
      for (const c of body.copies) {
        const holder = byRecipient.get(c.consultantId);
        // Stale (key replaced since) or not a consultant this request may reach: nothing is kept.
        if (!holder?.publicKey || holder.publicKey !== c.publicKey) continue;
        copies[holder.accountId] = {
          ciphertext: c.ciphertext,
          iv: c.iv,
          keys: copyKeys(teacherKey, holder.publicKey),
        };
      }
      if (body.self) {
        copies[INTAKE_SELF] = { ...body.self, keys: copyKeys(teacherKey, teacherKey) };
      }
      const drop = Object.keys(await store.intakeNotes(r.id)).filter(
        (h) => h !== INTAKE_SELF && !holders.some((x) => x.accountId === h),
      );
      await store.saveIntakeNotes(r.id, copies, drop);
      // Matched or withdrawn meanwhile: its copies must not outlive it.
      const after = await store.getRequest(r.id);
      if (!after || !isOpen(after)) {
        await store.dropIntakeNotes(r.id);
        throw new AppError(ErrorCode.NOT_FOUND, 'You have no open request.');
      }
      if (after.offeredTo && copies[after.offeredTo]) notify.offers(after.offeredTo);
      return { stored: Object.keys(copies).filter((h) => h !== INTAKE_SELF).length };
    },

    /** Accepting opens the conversation; declining passes the request to the next consultant. */
    async respond(
      p: Principal,
      requestId: string,
      accept: boolean,
    ): Promise<{ conversationId: string | null }> {
      requireRole(p, 'consultant');
      const r = await store.getRequest(requestId);
      if (!r || r.status !== 'offered' || r.offeredTo !== p.accountId) {
        throw new AppError(ErrorCode.NOT_FOUND, 'This request is no longer offered to you.');
      }
      if (!accept) {
        await passOver(r);
        return { conversationId: null };
      }
      const profile = await store.getConsultant(p.accountId);
      const conversation: ConversationRecord = {
        id: newId(),
        teacherId: r.teacherId,
        consultantId: p.accountId,
        teacherName: alias(r.id),
        consultantName: profile?.displayName ?? p.pseudonym,
        createdAt: now(),
        status: 'active',
        closeProposedBy: null,
        feedbackDone: false,
        blocked: false,
        kind: r.kind ?? 'peer-support',
        intake: pinnedIntakeOf(r),
      };
      // School and district served their purpose (exclusion): they are erased with the match.
      const matched: RequestRecord = {
        ...r,
        status: 'matched',
        finishedAt: now(),
        conversationId: conversation.id,
        schoolHash: '',
        districtHash: '',
        offerExpiresAt: null,
      };
      if (!(await store.updateRequest({ status: 'offered', offeredTo: p.accountId }, matched))) {
        throw new AppError(ErrorCode.NOT_FOUND, 'This request is no longer offered to you.');
      }
      await store.saveConversation(conversation);
      // The consultant read the note in the offer; their copy stays pinned in the conversation, no other one.
      await keepNoteWith(r, p.accountId, conversation.id);
      notify.request(r.teacherId);
      notify.offers(p.accountId);
      return { conversationId: conversation.id };
    },

    /** Offers that lapsed without an answer go to the next consultant (every node polls; the store's CAS picks one). */
    async expireOffers(): Promise<number> {
      const expired = await store.expiredOffers(now());
      for (const r of expired) await passOver(r);
      return expired.length;
    },

    /**
     * Retention: finished requests and closed conversations older than `retentionMs` are deleted with all they
     * hold, as of `at` (the retention sweep's clock). The store's deletions are idempotent. Returns how many it
     * purged.
     */
    async purgeFinished(at: number = now()): Promise<number> {
      if (deps.retentionMs === undefined) return 0;
      let total = 0;
      for (;;) {
        const purged = await store.purgeFinished(at - deps.retentionMs, PURGE_BATCH);
        total += purged;
        if (purged < PURGE_BATCH) return total;
      }
    },

    async conversations(p: Principal): Promise<ConversationSummary[]> {
      const list = await store.conversationsOf(p.accountId);
      const at = now();
      const myKey = list.some((c) => c.noteFrom && c.teacherId === p.accountId)
        ? ((await store.getKeys(p.accountId))?.publicKey ?? null)
        : null;
      return Promise.all(
        list
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(async (c) => {
            const role: Role = c.teacherId === p.accountId ? 'teacher' : 'consultant';
            const next = (await store.checkIns(c.id))
              .filter((x) => x.status === 'accepted' && x.startsAt + x.durationMinutes * 60_000 > at)
              .sort((a, b) => a.startsAt - b.startsAt)[0];
            return {
              id: c.id,
              role,
              peerName: role === 'teacher' ? c.consultantName : c.teacherName,
              status: c.status,
              nextCheckIn: next ?? null,
              kind: c.kind ?? 'peer-support',
              reciprocal: c.reciprocal !== undefined,
              // The teacher's browser has a note to pass on here (see `passOnNote`), even from another page.
              notePending:
                role === 'teacher' &&
                c.status !== 'closed' &&
                c.noteFrom !== undefined &&
                c.intake?.noteNotPassedOn === true &&
                (await selfCopyOf(c.noteFrom, myKey)) !== null &&
                (await store.intakeNoteOf(c.id)) === null,
            };
          }),
      );
    },

    view,

    /** The caller's record of support as a consultant (or mentor): months and counts, no teacher identifiable. */
    async recognition(p: Principal): Promise<RecognitionRecord> {
      // A reciprocal pair's second teacher holds the consultant side of the record, but supported nobody as one.
      const mine = (await store.conversationsOf(p.accountId)).filter(
        (c) => c.consultantId === p.accountId && !c.reciprocal,
      );
      const withCheckIns = await Promise.all(
        mine.map(async (c) => ({ c, checkIns: await store.checkIns(c.id) })),
      );
      return recognitionRecord(withCheckIns, now());
    },

    async history(p: Principal, id: string, after: number, limit: number) {
      await participant(p, id);
      const page = await store.messages(id, after, limit);
      const fitted = fitBytes(
        page.messages,
        (m) => approxBytes(m.ciphertext, m.iv),
        GROUP_LIMITS.pageBytes,
        'first',
      );
      return { messages: fitted.items, more: page.more || fitted.cut };
    },

    async send(p: Principal, id: string, input: SealedV2 & { clientId: string }) {
      const { role } = await writable(p, id);
      requireKind(input, 'message');
      const result = await store.appendMessage(id, {
        from: role,
        ciphertext: input.ciphertext,
        iv: input.iv,
        meta: input.meta,
        clientId: input.clientId,
        now: now(),
      });
      if (result.stale) throw staleCounter();
      if (!result.duplicate && deps.maxMessages !== undefined && result.seq % TRIM_EVERY === 0)
        await store.trimMessages(id, deps.maxMessages);
      if (!result.duplicate) {
        notify.message({
          conversationId: id,
          seq: result.seq,
          ts: result.ts,
          from: role,
          ciphertext: input.ciphertext,
          iv: input.iv,
          meta: input.meta,
          clientId: input.clientId,
        });
      }
      return { seq: result.seq, ts: result.ts, duplicate: result.duplicate };
    },

    async savePin(p: Principal, id: string, pin: Sealed): Promise<void> {
      const { role } = await participant(p, id);
      await store.savePin(id, role, pin);
    },

    /**
     * The teacher's browser passes the intake note on to a consultant a coordinator assigned by hand: it opened
     * its own copy and sealed the note again, to the key it pinned for the consultant. The server keeps that
     * ciphertext only from the teacher of this conversation, for this conversation's request, sealed to its
     * consultant's current key, and once (never over a note already there). Then neither is told it was lost.
     */
    async passOnNote(p: Principal, id: string, body: PassOnNoteBody): Promise<void> {
      const { c, role } = await writable(p, id);
      if (role !== 'teacher')
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the teacher passes their note on.');
      const from = c.noteFrom;
      if (!from || !c.intake?.noteNotPassedOn)
        throw new AppError(ErrorCode.CONFLICT, 'No note waits to be passed on here.');
      if (body.requestId !== from)
        throw new AppError(ErrorCode.CONFLICT, 'That note is not this conversation’s.', {
          field: 'requestId',
        });
      const consultantKey = (await store.getKeys(c.consultantId))?.publicKey ?? null;
      if (!consultantKey || consultantKey !== body.recipientKey)
        throw new AppError(
          ErrorCode.CONFLICT,
          'The consultant’s key has changed. Open the conversation again.',
          {
            field: 'recipientKey',
          },
        );
      const kept = await store.pinIntakeNoteOnce(id, {
        requestId: from,
        ciphertext: body.ciphertext,
        iv: body.iv,
      });
      if (!kept) throw new AppError(ErrorCode.CONFLICT, 'The note was already passed on.');
      await transition(
        () => participant(p, id),
        (fresh) => {
          const { noteFrom: _from, intake, ...rest } = fresh;
          if (!intake) return rest;
          const { noteNotPassedOn: _lost, ...kept } = intake;
          return { ...rest, intake: kept };
        },
      );
      // The teacher's own copy served its purpose: the pinned one opens for both (ECDH is symmetric).
      await store.dropIntakeNotes(from);
      notify.conversation(id);
    },

    async setGoal(
      p: Principal,
      id: string,
      input: SealedV2 & { goalId?: string | undefined },
    ): Promise<SealedGoal> {
      const { role } = await writable(p, id);
      requireKind(input, 'goal');
      const existing = input.goalId ? (await store.goals(id)).find((g) => g.id === input.goalId) : undefined;
      if (input.goalId && !existing) throw new AppError(ErrorCode.NOT_FOUND, 'No such goal.');
      if (!existing && (await store.goals(id)).length >= MAX_GOALS)
        throw new AppError(ErrorCode.CONFLICT, `A conversation can hold at most ${MAX_GOALS} goals.`);
      const goal: SealedGoal = {
        id: existing?.id ?? newId(),
        ciphertext: input.ciphertext,
        iv: input.iv,
        meta: input.meta,
        updatedAt: now(),
      };
      if (!(await store.claimCounter(id, role, input.meta.counter))) throw staleCounter();
      await store.saveGoal(id, goal);
      notify.conversation(id);
      return goal;
    },

    async proposeCheckIn(
      p: Principal,
      id: string,
      input: { type?: SessionType; startsAt: number; durationMinutes: number; note: SealedV2 | null },
    ): Promise<CheckIn> {
      const { role } = await writable(p, id);
      if (input.startsAt < now())
        throw new AppError(ErrorCode.INVALID_PAYLOAD, 'A check-in cannot start in the past.', {
          field: 'startsAt',
        });
      if ((await store.checkIns(id)).length >= MAX_CHECK_INS)
        throw new AppError(ErrorCode.CONFLICT, `A conversation can hold at most ${MAX_CHECK_INS} check-ins.`);
      if (input.note) {
        requireKind(input.note, 'checkin');
        if (!(await store.claimCounter(id, role, input.note.meta.counter))) throw staleCounter();
      }
      const checkIn: CheckIn = {
        id: newId(),
        type: input.type ?? 'check-in',
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        proposedBy: role,
        status: 'proposed',
        note: input.note,
      };
      await store.saveCheckIn(id, checkIn);
      notify.conversation(id);
      return checkIn;
    },

    /** The other party accepts or declines a proposal; either may cancel one that stands. */
    async respondCheckIn(
      p: Principal,
      id: string,
      checkInId: string,
      action: 'accept' | 'decline' | 'cancel',
    ): Promise<CheckIn> {
      const { role } = await writable(p, id);
      const checkIn = (await store.checkIns(id)).find((x) => x.id === checkInId);
      if (!checkIn) throw new AppError(ErrorCode.NOT_FOUND, 'No such check-in.');
      const answerable = checkIn.status === 'proposed' && checkIn.proposedBy !== role;
      if (action !== 'cancel' && !answerable)
        throw new AppError(ErrorCode.CONFLICT, 'Only the other person can answer this proposal.');
      if (action === 'cancel' && (checkIn.status === 'declined' || checkIn.status === 'cancelled')) {
        throw new AppError(ErrorCode.CONFLICT, 'This check-in is not planned.');
      }
      const next: CheckIn = {
        ...checkIn,
        status: action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'cancelled',
      };
      await store.saveCheckIn(id, next);
      notify.conversation(id);
      return next;
    },

    /**
     * Adds or completes a check-in's sealed note, before or after the session (a classroom visit's notes are
     * written after it). The consultant may on any planned or held session; the teacher on one they proposed
     * whose note is theirs. The note replaces the previous one; its sealer is recorded (`noteBy`), so receivers
     * check it came from that side.
     */
    async setCheckInNote(p: Principal, id: string, checkInId: string, note: SealedV2): Promise<CheckIn> {
      const { role } = await writable(p, id);
      requireKind(note, 'checkin');
      const checkIn = (await store.checkIns(id)).find((x) => x.id === checkInId);
      if (!checkIn) throw new AppError(ErrorCode.NOT_FOUND, 'No such check-in.');
      if (checkIn.status === 'declined' || checkIn.status === 'cancelled')
        throw new AppError(ErrorCode.CONFLICT, 'This check-in is not planned.');
      const author = checkIn.noteBy ?? (checkIn.note ? checkIn.proposedBy : null);
      if (role === 'teacher' && (checkIn.proposedBy !== 'teacher' || (author && author !== 'teacher')))
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the consultant can write this session’s note.');
      if (!(await store.claimCounter(id, role, note.meta.counter))) throw staleCounter();
      const next: CheckIn = { ...checkIn, note, noteBy: role };
      await store.saveCheckIn(id, next);
      notify.conversation(id);
      return next;
    },

    /**
     * Shares a link or a document, sealed in the browser: the description (kind `resource`) and, for a
     * document, its sealed body. The server checks sizes only; it never sees a title, an address or a name.
     */
    async shareResource(p: Principal, id: string, body: ShareResourceBody): Promise<SealedResource> {
      const { role } = await writable(p, id);
      requireKind(body.header, 'resource');
      const document = body.document ?? null;
      if (document !== null && document.length > RESOURCE_LIMITS.sealedDocumentChars)
        throw new AppError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `A shared document can be at most ${RESOURCE_LIMITS.documentBytes / 1024} KB.`,
          { field: 'document' },
        );
      if (!(await store.claimCounter(id, role, body.header.meta.counter))) throw staleCounter();
      const resource: SealedResource = {
        id: newId(),
        from: role,
        ts: now(),
        ciphertext: body.header.ciphertext,
        iv: body.header.iv,
        meta: body.header.meta,
        documentSize: document?.length ?? 0,
      };
      if (!(await store.addResource(id, resource, document, RESOURCE_LIMITS.perConversation)))
        throw new AppError(
          ErrorCode.CONFLICT,
          `A conversation can hold at most ${RESOURCE_LIMITS.perConversation} resources. Remove one you shared first.`,
        );
      notify.conversation(id);
      return resource;
    },

    /** A shared document's sealed body, for either participant (NOT_FOUND for anyone else). */
    async resourceDocument(p: Principal, id: string, resourceId: string): Promise<string> {
      await participant(p, id);
      const document = await store.resourceDocument(id, resourceId);
      if (document === null) throw new AppError(ErrorCode.NOT_FOUND, 'No such document.');
      return document;
    },

    /** Removes a resource I shared. */
    async removeResource(p: Principal, id: string, resourceId: string): Promise<void> {
      const { role } = await writable(p, id);
      const resource = (await store.resources(id)).find((x) => x.id === resourceId);
      if (!resource) throw new AppError(ErrorCode.NOT_FOUND, 'No such resource.');
      if (resource.from !== role)
        throw new AppError(ErrorCode.FORBIDDEN, 'Only whoever shared it can remove it.');
      await store.removeResource(id, resourceId);
      notify.conversation(id);
    },

    /** Either proposes to taper off and end; the teacher confirms (a consultant cannot end it alone). */
    async proposeClose(p: Principal, id: string): Promise<void> {
      const { c, role } = await writable(p, id);
      // A reciprocal pair's second teacher is no consultant asking to taper off: either partner ends it.
      if (role === 'teacher' || c.reciprocal) return confirmClose(p, id);
      await transition(
        () => writable(p, id),
        (c, r) => ({ ...c, status: 'closing', closeProposedBy: r }),
      );
      notify.conversation(id);
    },

    confirmClose,

    /**
     * Either side blocks: the conversation closes at once and the two are never matched again. The teacher can
     * ask for support again (the client offers it); the new request passes this consultant over.
     */
    async block(p: Principal, id: string): Promise<void> {
      const { next } = await transition(
        () => participant(p, id),
        (c, role) => ({
          ...c,
          status: 'closed',
          closedAt: c.closedAt ?? now(),
          blocked: true,
          closeProposedBy: role,
          // A consultant blocking must not leave the teacher a feedback form about them.
          feedbackDone: role === 'consultant' ? true : c.feedbackDone,
        }),
      );
      notify.conversation(id);
      if (next.reciprocal) {
        notify.request(next.teacherId);
        notify.request(next.consultantId);
        return;
      }
      await rematchWaiting();
    },

    async giveFeedback(
      p: Principal,
      id: string,
      body: z.output<typeof FeedbackBody>,
    ): Promise<{ support: SupportResource[] | null }> {
      const { confirmIdentifying, ...feedback } = body;
      const ready = (c: ConversationRecord, role: Role) => {
        if (role !== 'teacher') throw new AppError(ErrorCode.FORBIDDEN, 'Feedback comes from the teacher.');
        if (c.status !== 'closed')
          throw new AppError(ErrorCode.CONFLICT, 'Feedback is asked for once the support has ended.');
        if (c.feedbackDone) throw new AppError(ErrorCode.CONFLICT, 'Feedback was already given.');
      };
      const { c, role } = await participant(p, id);
      ready(c, role);
      // Coordinators read the comments: identifying details need an explicit "anyway"; a comment that suggests
      // risk brings the crisis contacts back to the teacher (the feedback is anonymous: nobody else is alerted).
      const checked = deps.checkText?.(feedback.comment, {
        confirmIdentifying: confirmIdentifying === true,
        field: 'comment',
      });
      // Claimed before it is stored: of parallel answers, one claims and the rest see it done.
      await transition(
        () => participant(p, id),
        (fresh, r) => {
          ready(fresh, r);
          return { ...fresh, feedbackDone: true };
        },
      );
      // Stored with no account, no conversation and only the month.
      await store.addFeedback({ ...feedback, month: new Date(now()).toISOString().slice(0, 7) });
      return { support: checked?.support ?? null };
    },

    async saveKeys(p: Principal, keys: KeyBundle): Promise<void> {
      await store.saveKeys(p.accountId, keys);
      // The other person's open page must learn the new public key (a reset makes older history unreadable).
      for (const c of await store.conversationsOf(p.accountId)) notify.conversation(c.id);
    },
    myKeys: (p: Principal) => store.getKeys(p.accountId),

    /** For the wellness programme view, which applies k itself: counts only. */
    async programmeCounts() {
      const [waiting, consultants, all] = await Promise.all([
        store.waitingRequests(),
        store.listConsultants(),
        store.feedback(),
      ]);
      const feedback = frozenFeedback(all);
      const active = (await Promise.all(consultants.map((c) => activeCount(c.accountId)))).reduce(
        (a, b) => a + b,
        0,
      );
      return {
        supportWaiting: waiting.filter((r) => !r.reciprocal).length,
        supportActive: active,
        feedbackResponses: feedback.length,
        meanHelpfulness: feedback.length
          ? feedback.reduce((s, f) => s + f.helpfulness, 0) / feedback.length
          : null,
      };
    },

    /** For the programme's weekly aggregates: request and conversation records, without notes or content. */
    async supportRecords() {
      const [requests, conversations] = await Promise.all([store.listRequests(), store.listConversations()]);
      return {
        requests: requests.map((r) => ({ createdAt: r.createdAt, conversationId: r.conversationId })),
        conversations: conversations.map((c) => ({
          id: c.id,
          createdAt: c.createdAt,
          status: c.status,
          closedAt: c.closedAt,
          closeProposedBy: c.closeProposedBy,
          blocked: c.blocked,
          teacherId: c.teacherId,
        })),
      };
    },

    /** For the programme: closing feedback scores with their month (never the comment). */
    async closingFeedback() {
      return (await store.feedback()).map((f) => ({
        helpfulness: f.helpfulness,
        recommend: f.recommend,
        month: f.month,
      }));
    },

    /** For the wellness cohorts: is this teacher in one-to-one support now (active or closing)? */
    async inSupport(accountId: string): Promise<boolean> {
      return (await store.conversationsOf(accountId)).some(
        (c) => c.teacherId === accountId && c.status !== 'closed',
      );
    },

    /** Coordinators see counts and aggregates only: never who, never content, never fewer than K_MIN. */
    async programme(p: Principal): Promise<{
      waiting: number | null;
      offered: number | null;
      active: number | null;
      feedback: FeedbackSummary;
    }> {
      if (p.role !== 'admin')
        throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can see this.');
      const [waiting, consultants, all] = await Promise.all([
        store.waitingRequests(),
        store.listConsultants(),
        store.feedback(),
      ]);
      // Live counts only at k or more; feedback as frozen monthly figures (below).
      const people = (n: number) => (n >= K_MIN ? n : null);
      const feedback = frozenFeedback(all);
      const offered = (await Promise.all(consultants.map((c) => store.offersFor(c.accountId)))).flat().length;
      const active = (await Promise.all(consultants.map((c) => activeCount(c.accountId)))).reduce(
        (a, b) => a + b,
        0,
      );
      const enough = feedback.length >= K_MIN;
      return {
        waiting: people(waiting.filter((r) => !r.reciprocal).length),
        offered: people(offered),
        active: people(active),
        feedback: {
          responses: enough ? feedback.length : null,
          meanHelpfulness: enough ? feedback.reduce((s, f) => s + f.helpfulness, 0) / feedback.length : null,
          recommendShare: enough ? feedback.filter((f) => f.recommend).length / feedback.length : null,
          comments: enough
            ? feedback
                .map((f) => f.comment)
                .filter(Boolean)
                .sort()
            : [],
        },
      };
    },
  };
}

export type ConsultationService = ReturnType<typeof createConsultationService>;
