import { z } from 'zod';
import { SupportResource } from '../schemas/messages.js';
import {
  ChangePassphraseBody,
  CreateInviteBody,
  CreatedInvite,
  InviteInfo,
  LoginBody,
  Me,
  ServerInfo,
  SessionInfo,
  SignupBody,
  WrapShare,
} from '../schemas/accounts.js';
import {
  CreateGroupBody,
  CreateMeetingBody,
  GroupDetail,
  GroupSummary,
  GroupsQuery,
  Meeting,
  UpdateGroupBody,
  WeekMeeting,
  SignUpStatus,
  UsefulBody,
  UsefulStatus,
  UsefulSummary,
} from '../schemas/groups.js';
import {
  Caseload,
  ReciprocalBody,
  WidenBody,
  ConsultantProfile,
  ConsultantProfileBody,
  ConversationSummary,
  FeedbackBody,
  SealedResource,
  ShareResourceBody,
  FeedbackSummary,
  AssignBody,
  UnmatchedRequest,
  IntakeBody,
  IntakeNotesBody,
  IntakeSealWork,
  KeyBundle,
  MyRequest,
  Offer,
  RecognitionRecord,
} from '../schemas/consultations.js';
import {
  FeedbackBoxBody,
  FeedbackBoxResult,
  ProgrammeWellness,
  ProgrammeWellnessQuery,
  PulseBody,
  PulseStatus,
  SealedHistory,
} from '../schemas/wellness.js';
import { CrisisContacts, CrisisContactsBody } from '../schemas/settings.js';
import { AccountExport, EraseAccountBody, EraseAccountResult } from '../schemas/privacy.js';
import type { ErrorCode } from './errors.js';

/** Who may call a route: anyone, any logged-in account, or admins only (checked by the service). */
export type RouteAccess = 'public' | 'member' | 'admin';

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express path under `/api`, with `:params`. */
  path: string;
  access: RouteAccess;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** Errors beyond the ones every route can answer (INVALID_PAYLOAD, UNAUTHENTICATED, RATE_LIMITED, UNAVAILABLE). */
  errors?: ErrorCode[];
}

const Ok = z.object({ ok: z.literal(true) });

/**
 * Every REST route. The server mounts exactly these (a test walks the express router and compares), and
 * `docs/PROTOCOL.md` is generated from this list, so neither can drift.
 */
export const httpRoutes: HttpRoute[] = [
  {
    method: 'GET',
    path: '/info',
    access: 'public',
    summary: 'Public facts about this deployment.',
    response: ServerInfo,
  },
  {
    method: 'GET',
    path: '/pseudonyms/suggestions',
    access: 'public',
    summary: 'Three pseudonyms nobody uses yet.',
    response: z.object({ suggestions: z.array(z.string()) }),
  },
  {
    method: 'POST',
    path: '/auth/signup',
    access: 'public',
    summary: 'Create an account with an invite code; sets the session cookie. 201.',
    body: SignupBody,
    response: z.object({ me: Me }),
    errors: ['INVITE_INVALID', 'PSEUDONYM_TAKEN', 'PSEUDONYM_REJECTED'],
  },
  {
    method: 'POST',
    path: '/auth/login',
    access: 'public',
    summary: 'Log in; sets the session cookie.',
    body: LoginBody,
    response: z.object({ me: Me }),
    errors: ['INVALID_CREDENTIALS', 'LOCKED_OUT'],
  },
  {
    method: 'GET',
    path: '/auth/wrap-share',
    access: 'member',
    summary: "The server's share of the key that wraps your private key (computed, never stored).",
    response: WrapShare,
  },
  {
    method: 'POST',
    path: '/auth/passphrase',
    access: 'member',
    summary:
      'Change passphrase: replaces the auth hash and the wrapped key together, only if the current secret verifies; ends every other session.',
    body: ChangePassphraseBody,
    response: z.object({ ended: z.number() }),
    errors: ['INVALID_CREDENTIALS', 'LOCKED_OUT', 'CONFLICT'],
  },
  { method: 'POST', path: '/auth/logout', access: 'member', summary: 'End this session.', response: Ok },
  {
    method: 'POST',
    path: '/auth/logout-all',
    access: 'member',
    summary: 'End every session of this account; their sockets close on every node.',
    response: z.object({ ended: z.number() }),
  },
  {
    method: 'GET',
    path: '/me',
    access: 'member',
    summary: 'The logged-in account.',
    response: z.object({ me: Me }),
  },
  {
    method: 'GET',
    path: '/session',
    access: 'public',
    summary:
      'Who is logged in on this browser, if anyone: the app asks this at start, so a visitor gets null rather than a 401.',
    response: z.object({ me: Me.nullable() }),
  },
  {
    method: 'GET',
    path: '/sessions',
    access: 'member',
    summary: "This account's live sessions.",
    response: z.object({ sessions: z.array(SessionInfo) }),
  },
  {
    method: 'DELETE',
    path: '/sessions/:id',
    access: 'member',
    summary: 'End one of this account’s sessions.',
    response: Ok,
    errors: ['NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/invites',
    access: 'admin',
    summary: 'Create an invite code (shown once). 201.',
    body: CreateInviteBody,
    response: z.object({ invite: CreatedInvite }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/invites',
    access: 'admin',
    summary: 'Every invite, without codes.',
    response: z.object({ invites: z.array(InviteInfo) }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'DELETE',
    path: '/invites/:id',
    access: 'admin',
    summary: 'Revoke an invite.',
    response: Ok,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/groups',
    access: 'member',
    summary:
      'Browse groups: listed ones plus invite-only ones you belong to; filter by topic, search by name.',
    query: GroupsQuery,
    response: z.object({ groups: z.array(GroupSummary) }),
  },
  {
    method: 'POST',
    path: '/groups',
    access: 'admin',
    summary: 'Create a group. 201.',
    body: CreateGroupBody,
    response: z.object({ group: GroupDetail }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/groups/:id',
    access: 'member',
    summary: 'A group page (no messages). Invite-only groups answer NOT_FOUND to non-members.',
    response: z.object({ group: GroupDetail }),
    errors: ['NOT_FOUND'],
  },
  {
    method: 'PATCH',
    path: '/groups/:id',
    access: 'admin',
    summary: 'Edit a group; changed guidelines must be accepted again before joining.',
    body: UpdateGroupBody,
    response: z.object({ group: GroupDetail }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/groups/:id/meetings',
    access: 'admin',
    summary:
      'Schedule a meeting (workshop, focus group, check-in); announced in the group when it starts. 201.',
    body: CreateMeetingBody,
    response: z.object({ meeting: Meeting }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRIVACY_CONFIRM_REQUIRED'],
  },
  {
    method: 'DELETE',
    path: '/groups/:id/meetings/:meetingId',
    access: 'admin',
    summary: 'Cancel a meeting.',
    response: Ok,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/meetings/week',
    access: 'member',
    summary: 'Meetings in the next 7 days in groups you can see.',
    response: z.object({ meetings: z.array(WeekMeeting) }),
  },
  {
    method: 'GET',
    path: '/consultant/profile',
    access: 'member',
    summary: 'Consultants: your profile (null until saved). School and district are never returned.',
    response: z.object({ profile: ConsultantProfile.nullable() }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'PUT',
    path: '/consultant/profile',
    access: 'member',
    summary: 'Consultants: save your profile; school and district are kept only as keyed hashes, to exclude.',
    body: ConsultantProfileBody,
    response: z.object({ profile: ConsultantProfile }),
    errors: ['FORBIDDEN', 'PRIVACY_CONFIRM_REQUIRED'],
  },
  {
    method: 'GET',
    path: '/consultant/offers',
    access: 'member',
    summary: 'Consultants: requests offered to you, with the intake and why they matched.',
    response: z.object({ offers: z.array(Offer) }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/consultant/offers/:id/accept',
    access: 'member',
    summary: 'Consultants: accept; opens the conversation.',
    response: z.object({ conversationId: z.string().nullable() }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/consultant/offers/:id/decline',
    access: 'member',
    summary: 'Consultants: decline; the request passes to the next consultant.',
    response: z.object({ conversationId: z.string().nullable() }),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/support-request',
    access: 'member',
    summary: 'Teachers: ask for one-to-one support (intake). At most one open request. 201.',
    body: IntakeBody,
    response: z.object({ request: MyRequest }),
    errors: ['FORBIDDEN', 'CONFLICT'],
  },
  {
    method: 'POST',
    path: '/support-request/reciprocal',
    access: 'member',
    summary:
      'Teachers: opt in to reciprocal mentorship with what you can offer and would like to learn (fixed areas). Paired at once with a teacher from another school whose offers and needs cross yours, or waits for one. Counts as your one open request. 201.',
    body: ReciprocalBody,
    response: z.object({ request: MyRequest }),
    errors: ['FORBIDDEN', 'CONFLICT'],
  },
  {
    method: 'POST',
    path: '/support-request/widen',
    access: 'member',
    summary:
      'Teachers: accept a nearer match for a waiting request (a consultant covering your subject in another grade band, or your grade band in another subject). Never done without this call.',
    body: WidenBody,
    response: z.object({ request: MyRequest }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'GET',
    path: '/support-request',
    access: 'member',
    summary: 'Teachers: your open request and its status.',
    response: z.object({ request: MyRequest.nullable() }),
  },
  {
    method: 'GET',
    path: '/support-request/notes',
    access: 'member',
    summary:
      "Teachers: what your browser has to seal of your request's note: your own sealed copy and the consultants (opaque id and public key, never a name) who may be offered it and lack a current copy; null without an open request with a note.",
    response: z.object({ work: IntakeSealWork.nullable() }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'PUT',
    path: '/support-request/notes',
    access: 'member',
    summary:
      'Teachers: store the note sealed in your browser, one copy per consultant (to their current key) and one for you. Copies for anyone the request cannot reach, or to a replaced key, are not kept.',
    body: IntakeNotesBody,
    response: z.object({ stored: z.number() }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'DELETE',
    path: '/support-request',
    access: 'member',
    summary: 'Teachers: withdraw your open request.',
    response: Ok,
    errors: ['NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'GET',
    path: '/consultant/caseload',
    access: 'member',
    summary:
      'Consultants: your active conversations with how long each has run, last activity, sessions held, and a suggestion to taper off (long-running, or your release ends soon). Times and counts only.',
    response: z.object({ caseload: Caseload }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/consultant/recognition',
    access: 'member',
    summary:
      'Consultants and mentors: your record of support for professional-development credit (hours, sessions and teachers supported per month; counts only, no teacher identifiable).',
    response: z.object({ record: RecognitionRecord }),
  },
  {
    method: 'GET',
    path: '/consultant/recognition.csv',
    access: 'member',
    summary: 'The same record as a CSV download (text/csv).',
    response: z.string(),
  },
  {
    method: 'GET',
    path: '/conversations',
    access: 'member',
    summary: 'Your one-to-one conversations (as teacher or consultant), with the next check-in.',
    response: z.object({ conversations: z.array(ConversationSummary) }),
  },
  {
    method: 'POST',
    path: '/conversations/:id/feedback',
    access: 'member',
    summary:
      'Teachers: anonymous feedback once the support has ended (stored without account or conversation). 201. A comment that may identify someone needs `confirmIdentifying` (428); one that suggests risk brings back `support`.',
    body: FeedbackBody,
    response: Ok.extend({ support: z.array(SupportResource).optional() }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PRIVACY_CONFIRM_REQUIRED'],
  },
  {
    method: 'POST',
    path: '/conversations/:id/resources',
    access: 'member',
    summary:
      'Participants: share a link or a short document, sealed in the browser (a `resource` item, and for a document its body sealed under a key only the item holds). Sent as `application/vnd.staffroom.resource+json` (its own 400 kB limit; a document does not fit a socket frame). The server sees sizes only. 201. At most 40 per conversation; 20 shares per 10 minutes per account.',
    body: ShareResourceBody,
    response: z.object({ resource: SealedResource }),
    errors: ['INVALID_PAYLOAD', 'PAYLOAD_TOO_LARGE', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'GET',
    path: '/conversations/:id/resources/:resourceId',
    access: 'member',
    summary:
      "Participants: a shared document's sealed body as bytes (`application/octet-stream`), opened in the browser with the key its description holds.",
    response: z.string(),
    errors: ['NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/keys',
    access: 'member',
    summary: 'Your public key and wrapped private key (unusable without your passphrase), or null.',
    response: z.object({ keys: KeyBundle.nullable() }),
  },
  {
    method: 'PUT',
    path: '/keys',
    access: 'member',
    summary: 'Store your key pair (replacing it makes older one-to-one history unreadable).',
    body: KeyBundle,
    response: Ok,
  },
  {
    method: 'GET',
    path: '/programme/consultations',
    access: 'admin',
    summary:
      'Coordinators: counts of waiting, offered and active support (null below k), and feedback aggregates over ended months with k ≥ 5 answers each.',
    response: z.object({
      waiting: z.number().nullable(),
      offered: z.number().nullable(),
      active: z.number().nullable(),
      feedback: FeedbackSummary,
    }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/programme/unmatched',
    access: 'admin',
    summary:
      'Coordinators: requests no consultant was offered, urgent first, with why, and the consultants they may assign (never the note, never the teacher).',
    response: z.object({ requests: z.array(UnmatchedRequest) }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/programme/unmatched/:id/assign',
    access: 'admin',
    summary:
      'Coordinators: assign a waiting request to a consultant by hand; the conversation opens for both. Never a consultant the school or district excludes.',
    body: AssignBody,
    response: z.object({ conversationId: z.string() }),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'GET',
    path: '/pulse',
    access: 'member',
    summary:
      'Teachers: this week of the wellness pulse, and whether you have taken it (never what you answered).',
    response: PulseStatus,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/pulse',
    access: 'member',
    summary:
      "Teachers: this week's pulse, every item optional. Counted in your cohort's weekly histogram, in batches; never stored as a response. 201.",
    body: PulseBody,
    response: Ok,
    errors: ['FORBIDDEN', 'CONFLICT', 'RATE_LIMITED'],
  },
  {
    method: 'GET',
    path: '/pulse/history',
    access: 'member',
    summary: 'Teachers: your own pulse history, sealed on your device (the server cannot read it), or null.',
    response: z.object({ history: SealedHistory.nullable() }),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'PUT',
    path: '/pulse/history',
    access: 'member',
    summary: 'Teachers: replace your sealed pulse history.',
    body: SealedHistory,
    response: Ok,
    errors: ['FORBIDDEN', 'RATE_LIMITED'],
  },
  {
    method: 'DELETE',
    path: '/pulse/history',
    access: 'member',
    summary:
      'Teachers: delete your pulse history (what was already counted stays, unlinked, in the histograms).',
    response: Ok,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/pulse/feedback',
    access: 'member',
    summary:
      'Anyone but coordinators: tell the coordinators anything about Staffroom, once a week; stored with no account, only the week, and shown in batches of at least k. Text that may identify someone needs `confirmIdentifying`; text that suggests risk answers with crisis contacts (`support`). 201.',
    body: FeedbackBoxBody,
    response: FeedbackBoxResult,
    errors: ['FORBIDDEN', 'CONFLICT', 'PRIVACY_CONFIRM_REQUIRED', 'RATE_LIMITED'],
  },
  {
    method: 'GET',
    path: '/programme/wellness',
    access: 'admin',
    summary:
      'Coordinators: closed weeks of the pulse by cohort and band, participation (per support cohort too), weekly programme activity and closing feedback per month; no figure rests on fewer than k people, by subtraction included.',
    query: ProgrammeWellnessQuery,
    response: ProgrammeWellness,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/settings/crisis-contacts',
    access: 'admin',
    summary:
      "Coordinators: the crisis contacts shown privately to someone whose words suggest risk, and whether they are the deployment's or set in the app.",
    response: CrisisContacts,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'PUT',
    path: '/settings/crisis-contacts',
    access: 'admin',
    summary:
      'Coordinators: replace the crisis contacts (the district programme first); every node shows them within seconds.',
    body: CrisisContactsBody,
    response: CrisisContacts,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'DELETE',
    path: '/settings/crisis-contacts',
    access: 'admin',
    summary: "Coordinators: go back to the deployment's configured crisis contacts.",
    response: CrisisContacts,
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/account/erase',
    access: 'public',
    summary:
      'Erase my account, proven like a log-in (pseudonym and auth secret): sessions, keys, memberships, messages (removed or de-attributed), one-to-one content; idempotent, so asking again finishes an interrupted erasure.',
    body: EraseAccountBody,
    response: EraseAccountResult,
    errors: ['INVALID_CREDENTIALS', 'LOCKED_OUT'],
  },
  {
    method: 'GET',
    path: '/account/export',
    access: 'member',
    summary:
      'Everything stored that is mine, as JSON (one-to-one items and the pulse trend sealed, for the browser to open).',
    response: AccountExport,
  },
  {
    method: 'GET',
    path: '/groups/:id/meetings/:meetingId/signup',
    access: 'member',
    summary: 'A session: whether you are signed up, and how many are (never who).',
    response: SignUpStatus,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'PUT',
    path: '/groups/:id/meetings/:meetingId/signup',
    access: 'member',
    summary: 'Sign up for a workshop or focus group that takes sign-ups (members of the group).',
    response: SignUpStatus,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'DELETE',
    path: '/groups/:id/meetings/:meetingId/signup',
    access: 'member',
    summary: 'Withdraw your sign-up.',
    response: SignUpStatus,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/groups/:id/meetings/:meetingId/useful',
    access: 'member',
    summary: '"Was this useful?": open once the session ended; whether you answered.',
    response: UsefulStatus,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/groups/:id/meetings/:meetingId/useful',
    access: 'member',
    summary: 'Answer "was this useful?" (1–5), once per session, anonymously.',
    body: UsefulBody,
    response: Ok,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'GET',
    path: '/groups/:id/meetings/:meetingId/useful/summary',
    access: 'member',
    summary: 'The host and coordinators: "was this useful?" as an aggregate, only once at least k answered.',
    response: UsefulSummary,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
