import { z } from 'zod';
import { KDF_VERSION } from '../crypto/kdf-format.js';
import { RESOURCE_LIMITS } from '../limits.js';
import { hasVisibleText, INVISIBLE_ONLY_MESSAGE } from '../rules/visible.js';
import { Id } from './groups.js';

/** Grades, kindergarten to 12. */
export const GRADES = ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const SUBJECTS = [
  'english',
  'mathematics',
  'science',
  'social-studies',
  'french',
  'other-languages',
  'arts',
  'music',
  'physical-education',
  'health',
  'special-education',
  'technology',
  'all-subjects',
] as const;
export const Subject = z.enum(SUBJECTS);
export type Subject = z.infer<typeof Subject>;
export const SUBJECT_LABELS: Record<Subject, string> = {
  english: 'English language arts',
  mathematics: 'Mathematics',
  science: 'Science',
  'social-studies': 'Social studies',
  french: 'French',
  'other-languages': 'Other languages',
  arts: 'Visual arts and drama',
  music: 'Music',
  'physical-education': 'Physical education',
  health: 'Health and career education',
  'special-education': 'Inclusive and special education',
  technology: 'Technology and applied skills',
  'all-subjects': 'All subjects (elementary)',
};

/** The consultant's areas of expertise, and the teacher's area of focus. */
export const AREAS = [
  'classroom-management',
  'assessment',
  'curriculum',
  'planning',
  'differentiation',
  'resources',
  'wellbeing',
] as const;
export const Area = z.enum(AREAS);
export type Area = z.infer<typeof Area>;
export const AREA_LABELS: Record<Area, string> = {
  'classroom-management': 'Classroom management',
  assessment: 'Assessment strategies',
  curriculum: 'Implementing curriculum',
  planning: 'Planning units and lessons',
  differentiation: 'Differentiating instruction',
  resources: 'Gathering resources',
  wellbeing: 'Workload and wellbeing',
};

/** Why a teacher asks for support (the peer-support service's reasons for connecting). */
export const REASONS = [
  'new-assignment',
  'outside-subject',
  'complex-class',
  'challenging-class',
  'workload-stress',
  'new-strategy',
  'first-year-evaluation',
  'other',
] as const;
export const Reason = z.enum(REASONS);
export type Reason = z.infer<typeof Reason>;
export const REASON_LABELS: Record<Reason, string> = {
  'new-assignment': 'A new assignment',
  'outside-subject': 'Teaching outside my usual subject',
  'complex-class': 'Complex class composition',
  'challenging-class': 'A challenging class',
  'workload-stress': 'Workload stress',
  'new-strategy': 'Trying a new strategy',
  'first-year-evaluation': 'Support before a first-year evaluation',
  other: 'Something else',
};

export const WORK_STYLES = ['messages', 'check-ins', 'co-planning', 'resources', 'feedback'] as const;
export const WorkStyle = z.enum(WORK_STYLES);
export type WorkStyle = z.infer<typeof WorkStyle>;
export const WORK_STYLE_LABELS: Record<WorkStyle, string> = {
  messages: 'Messages when it suits us',
  'check-ins': 'Regular scheduled check-ins',
  'co-planning': 'Planning sessions together',
  resources: 'Sharing resources',
  feedback: 'Feedback on what I try',
};

/** Weekly availability in day parts: "mon-am", "mon-pm", "mon-eve", … */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const PARTS = ['am', 'pm', 'eve'] as const;
export const SLOTS = DAYS.flatMap((d) => PARTS.map((p) => `${d}-${p}` as const));
export const Slot = z.enum(SLOTS as unknown as [string, ...string[]]);
export type Slot = z.infer<typeof Slot>;

/**
 * What kind of support a teacher asks for. Peer support is targeted and may be short; mentorship is long (typically
 * a school year), general, and meant for teachers new to the profession. Consultants say which kinds they offer.
 */
export const SUPPORT_KINDS = ['peer-support', 'mentorship'] as const;
export const SupportKind = z.enum(SUPPORT_KINDS);
export type SupportKind = z.infer<typeof SupportKind>;
export const SUPPORT_KIND_LABELS: Record<SupportKind, string> = {
  'peer-support': 'Peer support',
  mentorship: 'Mentorship',
};
/** What each kind usually means, shown to both parties. */
export const SUPPORT_KIND_HINTS: Record<SupportKind, string> = {
  'peer-support': 'Targeted help with one question; it may be short.',
  mentorship: 'General, long-term support for a newer teacher, usually until the end of the school year.',
};

/**
 * How a consultant gives their time (the seeds): a volunteer teacher in their own time, or a consultant released
 * full-time for a term.
 */
export const COMMITMENTS = ['volunteer', 'released'] as const;
export const Commitment = z.enum(COMMITMENTS);
export type Commitment = z.infer<typeof Commitment>;
export const COMMITMENT_LABELS: Record<Commitment, string> = {
  volunteer: 'Volunteer, in my own time',
  released: 'Released for a term',
};
/** A volunteer's cap: a few teachers at once. */
export const VOLUNTEER_CAPACITY_MAX = 3;
/** What a released consultant's capacity starts at in the form (they may set up to 30). */
export const RELEASED_CAPACITY_DEFAULT = 12;
/** A calendar day, "2027-06-30". */
export const TermDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'not a date' });
/** The end of a term date (its last millisecond, UTC). */
export const termEndMs = (day: string): number => Date.parse(`${day}T23:59:59.999Z`);

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'duplicates' });
/** School and district are write-only: used to exclude, never shown, never stored in the clear. */
const Place = z.string().trim().min(2).max(120).refine(hasVisibleText, INVISIBLE_ONLY_MESSAGE);

export const ConsultantProfileBody = z.strictObject({
  /** Shown to the teachers they support: a name made only of invisible characters would look like none. */
  displayName: z.string().trim().min(2).max(40).refine(hasVisibleText, INVISIBLE_ONLY_MESSAGE),
  grades: unique(Grade, GRADES.length).min(1),
  subjects: unique(Subject, SUBJECTS.length).min(1),
  areas: unique(Area, AREAS.length).min(1),
  capacity: z.number().int().min(1).max(30),
  availability: unique(Slot, SLOTS.length),
  paused: z.boolean(),
  /** Omit to keep what was set; empty string clears. */
  school: z.union([Place, z.literal('')]).optional(),
  district: z.union([Place, z.literal('')]).optional(),
  /** The display name may identify someone (PRIVACY_CONFIRM_REQUIRED): save it anyway. */
  confirmIdentifying: z.boolean().optional(),
  /** The kinds of support offered; profiles saved before kinds existed offer peer support only. */
  kinds: unique(SupportKind, SUPPORT_KINDS.length).min(1).default(['peer-support']),
  /**
   * Volunteer (a teacher, in their own time: at most `VOLUNTEER_CAPACITY_MAX`) or released (full-time for a term,
   * until `termEndsAt`). Absent on profiles saved before it existed: capacity as set, no term.
   */
  commitment: Commitment.optional(),
  /** Released consultants: the last day of the release ("2027-06-30"); no new requests after it. */
  termEndsAt: TermDate.optional(),
});
export type ConsultantProfileBody = z.infer<typeof ConsultantProfileBody>;

/** The profile as it is checked on save: a volunteer's small cap, a released consultant's term end. */
export const ConsultantProfileInput = ConsultantProfileBody.superRefine((p, ctx) => {
  if (p.commitment === 'volunteer' && p.capacity > VOLUNTEER_CAPACITY_MAX) {
    ctx.addIssue({
      code: 'custom',
      path: ['capacity'],
      message: `A volunteer supports at most ${VOLUNTEER_CAPACITY_MAX} teachers at once.`,
    });
  }
  if (p.commitment === 'released' && !p.termEndsAt) {
    ctx.addIssue({ code: 'custom', path: ['termEndsAt'], message: 'When does the release end?' });
  }
});

export const ConsultantProfile = ConsultantProfileBody.omit({
  school: true,
  district: true,
  confirmIdentifying: true,
}).extend({
  hasSchool: z.boolean(),
  hasDistrict: z.boolean(),
  active: z.number(),
});
export type ConsultantProfile = z.infer<typeof ConsultantProfile>;

export const IntakeBody = z.strictObject({
  grades: unique(Grade, GRADES.length).min(1),
  subjects: unique(Subject, SUBJECTS.length).min(1),
  reasons: unique(Reason, REASONS.length).min(1),
  focus: Area,
  workStyles: unique(WorkStyle, WORK_STYLES.length).min(1),
  preferredTimes: unique(Slot, SLOTS.length),
  /**
   * Whether the teacher wrote a note. The note itself never comes here: the browser seals it to each consultant
   * who could be offered the request (`PUT /api/support-request/notes`), so the server routes it unread.
   */
  hasNote: z.boolean().default(false),
  /**
   * The teacher's browser found a sign of risk in the note (the shared crisis guard, run before sealing). Says
   * nothing of the text; the request is offered before the others, and the consultant sees it is urgent.
   */
  urgent: z.boolean().default(false),
  school: Place.optional(),
  district: Place.optional(),
  /** Peer support unless the teacher asks for mentorship: only consultants offering that kind are offered it. */
  kind: SupportKind.default('peer-support'),
});
export type IntakeBody = z.input<typeof IntakeBody>;

/**
 * Reciprocal mentorship: two teachers who each bring a strength are paired both ways. What each can offer and would
 * like to learn comes from this fixed list (no free text that could identify anyone).
 */
export const RECIPROCAL_AREAS = [...AREAS, 'classroom-technology'] as const;
export const ReciprocalArea = z.enum(RECIPROCAL_AREAS);
export type ReciprocalArea = z.infer<typeof ReciprocalArea>;
export const RECIPROCAL_AREA_LABELS: Record<ReciprocalArea, string> = {
  ...AREA_LABELS,
  'classroom-technology': 'Classroom technology',
};
/** One side of a reciprocal pair: what they offer and what they would like to learn. */
export const ReciprocalSide = z.object({
  offers: z.array(ReciprocalArea),
  wants: z.array(ReciprocalArea),
});
export type ReciprocalSide = z.infer<typeof ReciprocalSide>;

/** A teacher opts in as a reciprocal partner. School and district only exclude (never shown, never kept clear). */
export const ReciprocalBody = z
  .strictObject({
    offers: unique(ReciprocalArea, RECIPROCAL_AREAS.length).min(1).max(3),
    wants: unique(ReciprocalArea, RECIPROCAL_AREAS.length).min(1).max(3),
    school: Place.optional(),
    district: Place.optional(),
  })
  .refine((b) => !b.offers.some((a) => b.wants.includes(a)), {
    message: 'An area cannot be both offered and wanted.',
    path: ['wants'],
  });
export type ReciprocalBody = z.input<typeof ReciprocalBody>;

/**
 * How a request with no consultant who covers it could be widened, only if the teacher agrees: `grade` accepts a
 * consultant who covers the subject in another grade band, `subject` one who covers the grade band in another subject.
 */
export const Widen = z.enum(['grade', 'subject']);
export type Widen = z.infer<typeof Widen>;
export const WidenBody = z.strictObject({ widen: Widen });
/** A nearer match the teacher may accept: what it has in common, in words; never who. */
export const NearestMatch = z.object({ widen: Widen, matchedOn: z.string() });
export type NearestMatch = z.infer<typeof NearestMatch>;

export const RequestStatus = z.enum(['offered', 'waiting', 'matched', 'withdrawn']);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** What the teacher sees of their request. */
export const MyRequest = z.object({
  id: z.string(),
  status: RequestStatus,
  createdAt: z.number(),
  conversationId: z.string().nullable(),
  /** The name the consultant sees for this request and its conversation (never the account pseudonym). */
  alias: z.string(),
  hasNote: z.boolean(),
  /** Marked urgent by the teacher's own browser: the page keeps the crisis contacts in view while it is open. */
  urgent: z.boolean(),
  /** While waiting: why no consultant was offered it (so the page can say so honestly). */
  waitingReason: z.lazy(() => UnmatchedReason).optional(),
  kind: SupportKind.default('peer-support'),
  /** A reciprocal mentorship opt-in (waiting for a partner whose offers and needs cross), not a request for a consultant. */
  reciprocal: ReciprocalSide.nullable().default(null),
  /** While waiting with no consultant who covers it: the nearer matches the teacher may accept. */
  nearest: z.array(NearestMatch).default([]),
  /** What the teacher agreed to widen the request to (null: as asked). */
  widen: Widen.nullable().default(null),
  /** The request's reasons (the teacher's own, shown only to them): support groups on those topics meanwhile. */
  reasons: z.array(Reason).default([]),
});
export type MyRequest = z.infer<typeof MyRequest>;

/** A base64 AES-GCM ciphertext or IV. */
const B64 = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9+/=]+$/);

/**
 * Where the sealed intake note stands for the consultant looking at an offer:
 * - `none`: the teacher wrote no note
 * - `sealed`: here it is, sealed to this consultant's current key (`note`, `teacherPublicKey`)
 * - `pending`: the teacher's browser has not sealed it to this consultant (yet): it does when next open
 * - `no-key`: this consultant has no key yet, so nothing can be sealed to them
 */
export const OfferNoteState = z.enum(['none', 'sealed', 'pending', 'no-key']);
export type OfferNoteState = z.infer<typeof OfferNoteState>;

/** What the consultant offered a request sees: the intake (never school or district) and why it came to them. */
export const Offer = z.object({
  requestId: z.string(),
  /** The per-request name (two words and digits), never the teacher's account pseudonym. */
  teacher: z.string(),
  grades: z.array(Grade),
  subjects: z.array(Subject),
  reasons: z.array(Reason),
  focus: Area,
  workStyles: z.array(WorkStyle),
  preferredTimes: z.array(Slot),
  noteState: OfferNoteState,
  /** The teacher's browser marked the request urgent (a sign of risk in the note; the text stays sealed). */
  urgent: z.boolean(),
  /** Only when `noteState` is `sealed`. */
  note: z.object({ ciphertext: z.string(), iv: z.string() }).nullable(),
  teacherPublicKey: z.string().nullable(),
  /** e.g. "grade 2, mathematics, classroom management" */
  matchedOn: z.string(),
  expiresAt: z.number(),
  kind: SupportKind.default('peer-support'),
});
export type Offer = z.infer<typeof Offer>;

/**
 * Public key as JWK (P-256 ECDH) and the private key wrapped in the browser: AES-256-GCM under a key from the
 * passphrase (Argon2id, then HKDF with the server's share; `crypto/passphrase-kdf.ts`). `kdf` names that scheme.
 */
export const KeyBundle = z.strictObject({
  publicKey: z.string().min(50).max(1_000),
  wrappedPrivateKey: z.string().min(50).max(2_000),
  wrapIv: z.string().min(8).max(64),
  kdf: z.literal(KDF_VERSION),
});
export type KeyBundle = z.infer<typeof KeyBundle>;

/**
 * What a sealed item is. Bound into the AES-GCM additional data, so a goal's ciphertext cannot be shown as a
 * message (or any kind as another). `intake` is the teacher's intake note; `resource` a shared link or document's
 * description (its title, address or file name, and the key of the sealed document).
 */
export const SEAL_KINDS = ['message', 'goal', 'progress', 'checkin', 'intake', 'resource'] as const;
export const SealKind = z.enum(SEAL_KINDS);
export type SealKind = z.infer<typeof SealKind>;

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);

/** The largest per-sender counter: well inside a double (and a Lua number) so comparisons stay exact. */
export const SEAL_COUNTER_MAX = 2 ** 50;

/**
 * The authenticated context of a sealed item (format version 2), sent in the clear beside the ciphertext and bound
 * into it as AES-GCM additional data: change any field and the item no longer opens. `sender` is the SHA-256
 * fingerprint of the sealer's public key, `recipient` that of the key it was sealed for; `counter` grows with every item that sender seals in the conversation
 * (all kinds share it), so receivers can refuse replays and reorders. `commitment`: only on messages sealed by
 * earlier versions (a franking commitment, bound into their additional data, so kept to open them); nothing checks
 * it and nothing writes it any more, since nothing reveals a message to the server (reports carry no text).
 */
export const SealMeta = z.strictObject({
  v: z.literal(2),
  kind: SealKind,
  sender: base64url(43, 43),
  /** The fingerprint of the key it was sealed for: tells "sealed for other keys" (a reset) from tampering. */
  recipient: base64url(43, 43),
  counter: z.number().int().min(1).max(SEAL_COUNTER_MAX),
  commitment: base64url(43, 43).optional(),
});
export type SealMeta = z.infer<typeof SealMeta>;

/**
 * Ciphertext as base64 with its AES-GCM IV; the server stores and relays it, never reads it. Items without
 * `meta` were sealed by an earlier version without additional data: clients show them as unverifiable.
 */
export const Sealed = z.strictObject({
  ciphertext: z
    .string()
    .min(1)
    .max(24_000)
    .regex(/^[A-Za-z0-9+/=]+$/),
  iv: z
    .string()
    .min(12)
    .max(32)
    .regex(/^[A-Za-z0-9+/=]+$/),
  meta: SealMeta.optional(),
});
export type Sealed = z.infer<typeof Sealed>;

/**
 * A consultant the teacher's browser may seal the intake note to: an id opaque and particular to the request (not
 * the account id) and a public key, never a name.
 */
export const IntakeRecipient = z.object({ consultantId: z.string(), publicKey: z.string() });
export type IntakeRecipient = z.infer<typeof IntakeRecipient>;

/** Most copies of one note the server keeps (one per consultant who could be offered it, plus the teacher's). */
export const INTAKE_COPIES_MAX = 12;

/**
 * At most this many consultant copies in one `PUT /api/support-request/notes`: with the teacher's own copy, the
 * largest body stays under the HTTP body limit (checked by a test). The browser sends more in several calls.
 */
export const INTAKE_COPIES_PER_PUT = 3;

/** A note is padded to 2,048 bytes before sealing: 2,064 bytes of AES-GCM output, 2,752 characters of base64. */
export const SealedNoteCopy = z.strictObject({
  ciphertext: B64(24, 2_800),
  iv: B64(12, 32),
});

/**
 * The intake note sealed in the teacher's browser: one copy for the teacher (so their browser can seal it again
 * to a consultant who becomes eligible later) and one for each consultant, to the public key given.
 */
export const IntakeNotesBody = z.strictObject({
  requestId: Id,
  self: SealedNoteCopy.optional(),
  copies: z
    .array(SealedNoteCopy.extend({ consultantId: Id, publicKey: z.string().min(50).max(1_000) }))
    .max(INTAKE_COPIES_PER_PUT)
    .refine((xs) => new Set(xs.map((x) => x.consultantId)).size === xs.length, { message: 'duplicates' }),
});
export type IntakeNotesBody = z.infer<typeof IntakeNotesBody>;

/** What the teacher's browser needs to (re-)seal: its own copy and the consultants who lack a current one. */
export const IntakeSealWork = z.object({
  requestId: z.string(),
  self: z.object({ ciphertext: z.string(), iv: z.string() }).nullable(),
  recipients: z.array(IntakeRecipient),
});
export type IntakeSealWork = z.infer<typeof IntakeSealWork>;
/** What clients send from now on: always with its authenticated context. */
export const SealedV2 = Sealed.extend({ meta: SealMeta });
export type SealedV2 = z.infer<typeof SealedV2>;

/** The structured intake a conversation keeps from its request (never school, district or the note). */
export const PinnedIntake = z.object({
  grades: z.array(Grade),
  subjects: z.array(Subject),
  reasons: z.array(Reason),
  focus: Area,
  workStyles: z.array(WorkStyle),
  preferredTimes: z.array(Slot),
  /** The teacher's browser marked the request urgent (its note suggested risk); never why. */
  urgent: z.boolean().optional(),
  /**
   * A coordinator assigned the consultant by hand: the teacher's note was sealed only to consultants it could be
   * offered to, so it never reached this one. Both are told, so nobody thinks it was read.
   */
  noteNotPassedOn: z.boolean().optional(),
  /**
   * With `noteNotPassedOn`: the teacher's browser still holds its own sealed copy, and passes the note on to this
   * consultant (sealed to the key it pinned for them) the next time it opens the conversation.
   */
  notePending: z.boolean().optional(),
});
export type PinnedIntake = z.infer<typeof PinnedIntake>;

export const ConversationStatus = z.enum(['active', 'closing', 'closed']);

export const SealedMessage = Sealed.extend({
  conversationId: z.string(),
  seq: z.number(),
  ts: z.number(),
  from: z.enum(['teacher', 'consultant']),
  clientId: z.string().optional(),
});
export type SealedMessage = z.infer<typeof SealedMessage>;

export const SealedGoal = Sealed.extend({ id: z.string(), updatedAt: z.number() });
export type SealedGoal = z.infer<typeof SealedGoal>;

/**
 * What a check-in is for (the seeds' ways of working together). Each has a short note template; the note stays
 * sealed like everything in the conversation, and an observation's notes are never evaluative and never shared.
 */
export const SESSION_TYPES = ['check-in', 'initial', 'observation', 'co-planning', 'follow-up'] as const;
export const SessionType = z.enum(SESSION_TYPES);
export type SessionType = z.infer<typeof SessionType>;
export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  'check-in': 'Check-in',
  initial: 'Initial conversation',
  observation: 'Classroom visit',
  'co-planning': 'Co-planning',
  'follow-up': 'Follow-up',
};
/**
 * The headings each type's note starts from: descriptive, never evaluative (a classroom visit records what was
 * seen and heard and what the teacher asked to look at, never a judgement or a grade).
 */
export const SESSION_NOTE_TEMPLATES: Record<SessionType, readonly string[]> = {
  'check-in': [],
  initial: ['What brings us together', 'Areas of interest', 'How we will work together'],
  observation: [
    'What you asked me to look for',
    'What I noticed',
    'Questions to explore together',
    'One thing to try',
  ],
  'co-planning': ['Unit or lesson', 'What we planned', 'Next step'],
  'follow-up': ['Since last time', 'What is going well', 'What next'],
};
/** A template as the note's starting text: each heading on its own line, a blank line after it. */
export const sessionNoteTemplate = (type: SessionType): string =>
  SESSION_NOTE_TEMPLATES[type].map((h) => `${h}:\n\n`).join('');

export const CheckIn = z.object({
  id: z.string(),
  /** Who sealed the note (absent: whoever proposed it). The consultant may add or complete it after the session. */
  noteBy: z.enum(['teacher', 'consultant']).optional(),
  /** Absent on check-ins stored before types existed: a plain check-in. */
  type: SessionType.optional(),
  startsAt: z.number(),
  durationMinutes: z.number(),
  proposedBy: z.enum(['teacher', 'consultant']),
  status: z.enum(['proposed', 'accepted', 'declined', 'cancelled']),
  note: Sealed.nullable(),
});
export type CheckIn = z.infer<typeof CheckIn>;

/**
 * A resource shared in the conversation: a sealed description (kind `resource`: a link's title and address, or a
 * document's title, file name, type, size and the key its sealed body opens with) and, for a document, the size of
 * the sealed body, fetched on demand (`GET /api/conversations/:id/resources/:resourceId`). Nothing readable.
 */
export const SealedResource = Sealed.extend({
  id: z.string(),
  from: z.enum(['teacher', 'consultant']),
  ts: z.number(),
  /** Characters of the sealed document (0 for a link). */
  documentSize: z.number(),
});
export type SealedResource = z.infer<typeof SealedResource>;

/** What the browser sends to share a resource: the sealed description and, for a document, its sealed body. */
export const ShareResourceBody = z.strictObject({
  header: SealedV2.extend({
    ciphertext: z
      .string()
      .min(1)
      .max(RESOURCE_LIMITS.sealedHeaderChars)
      .regex(/^[A-Za-z0-9+/=]+$/),
  }),
  /** The document sealed under a fresh key that only the description holds (base64); the length is checked apart. */
  document: z
    .string()
    .min(24)
    .regex(/^[A-Za-z0-9+/=]+$/)
    .optional(),
});
export type ShareResourceBody = z.infer<typeof ShareResourceBody>;

/**
 * The teacher's intake note, kept with the conversation: the copy sealed between the teacher's and this
 * consultant's keys for the request (see `intake-seal.ts`), moved here at the match. Either of the two opens it.
 */
export const PinnedIntakeNote = z.object({ requestId: z.string(), ciphertext: z.string(), iv: z.string() });
export type PinnedIntakeNote = z.infer<typeof PinnedIntakeNote>;

/**
 * The teacher passes their intake note on to a consultant assigned by hand: sealed in their browser between their
 * key and `recipientKey` (the consultant's key as pinned for this conversation) for `requestId`. Kept once.
 */
export const PassOnNoteBody = SealedNoteCopy.extend({
  requestId: Id,
  recipientKey: z.string().min(50).max(1_000),
});
export type PassOnNoteBody = z.infer<typeof PassOnNoteBody>;

export const ConversationView = z.object({
  id: z.string(),
  role: z.enum(['teacher', 'consultant']),
  peer: z.object({ name: z.string(), publicKey: z.string().nullable() }),
  /** The name the other person sees for you here (for a teacher: this conversation's own pseudonym). */
  seenAs: z.string(),
  /** My pin of the peer's key, sealed under my own key (the server keeps it, cannot read or forge it). */
  myPin: Sealed.nullable().default(null),
  /** The highest counter the server accepted from me here (0 before any): my next one must be above it. */
  myCounter: z.number().default(0),
  status: ConversationStatus,
  closeProposedBy: z.enum(['teacher', 'consultant']).nullable(),
  createdAt: z.number(),
  goals: z.array(SealedGoal),
  checkIns: z.array(CheckIn),
  /** True once the teacher gave feedback (or the consultant blocked, so none is asked for). */
  feedbackDone: z.boolean(),
  /** Closed by a block rather than by agreement. */
  blocked: z.boolean(),
  kind: SupportKind.default('peer-support'),
  /**
   * The structured intake, pinned at the top for both parties so nobody asks twice (never school or district).
   * Null for conversations opened before it was kept.
   */
  intake: PinnedIntake.nullable().default(null),
  /** Reciprocal mentorship: both are learners; each side's offer and need (null for other conversations). */
  reciprocal: z.object({ mine: ReciprocalSide, theirs: ReciprocalSide }).nullable().default(null),
  /** The intake note, sealed between the two (null: no note, or none kept with this conversation). */
  intakeNote: PinnedIntakeNote.nullable().default(null),
  /**
   * Teachers only, after a coordinator assigned the consultant by hand: the teacher's own copy of the intake note
   * (sealed to their own key, for the request), which their browser opens and seals again to the consultant's
   * pinned key (`convo:intake-note`). Null otherwise.
   */
  noteToPass: PinnedIntakeNote.nullable().default(null),
  /** Links and documents shared here, oldest first (sealed descriptions only). */
  resources: z.array(SealedResource).default([]),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const ConversationSummary = z.object({
  id: z.string(),
  role: z.enum(['teacher', 'consultant']),
  peerName: z.string(),
  status: ConversationStatus,
  nextCheckIn: CheckIn.nullable(),
  kind: SupportKind.default('peer-support'),
  /** A reciprocal mentorship pair (both teachers learn). */
  reciprocal: z.boolean().default(false),
  /**
   * Teachers only: a coordinator assigned this consultant by hand and the teacher's browser still has to pass the
   * intake note on to them (it does so while open, on any page).
   */
  notePending: z.boolean().default(false),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const FeedbackBody = z.strictObject({
  helpfulness: z.number().int().min(1).max(5),
  recommend: z.boolean(),
  /** Optional; when given, something visible (an invisible-only comment would show as a blank entry). */
  comment: z
    .string()
    .trim()
    .max(1_000)
    .refine((t) => t === '' || hasVisibleText(t), INVISIBLE_ONLY_MESSAGE)
    .default(''),
  /** The comment may identify someone (PRIVACY_CONFIRM_REQUIRED): send it anyway. */
  confirmIdentifying: z.boolean().optional(),
});

export const FeedbackSummary = z.object({
  /** null when fewer than K_MIN responses: nothing else is shown then. */
  responses: z.number().nullable(),
  meanHelpfulness: z.number().nullable(),
  recommendShare: z.number().nullable(),
  comments: z.array(z.string()),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

export const ConversationRef = z.strictObject({ conversationId: Id });

/**
 * Why a waiting request has no consultant: none covers its grades, subjects or focus (`no-coverage`); those who
 * do are from the teacher's school or district (`excluded`); all who could have declined or let it lapse
 * (`declined`); or every one who fits is at capacity or paused (`unavailable`).
 */
export const UnmatchedReason = z.enum(['no-coverage', 'excluded', 'declined', 'unavailable']);
export type UnmatchedReason = z.infer<typeof UnmatchedReason>;

/** A consultant a coordinator may assign a waiting request to (never one the teacher's school excludes). */
export const AssignableConsultant = z.object({
  /** Opaque, and different for every request. */
  id: z.string(),
  name: z.string(),
  active: z.number(),
  capacity: z.number(),
  paused: z.boolean(),
  /** What they have in common with the request, in words; empty when nothing. */
  matchedOn: z.string(),
});
export type AssignableConsultant = z.infer<typeof AssignableConsultant>;

/**
 * What coordinators see of a request no consultant was offered: the request's own name (never the teacher's
 * pseudonym), the structured fields matching uses, why it waits, and never the note.
 */
export const UnmatchedRequest = z.object({
  requestId: z.string(),
  alias: z.string(),
  createdAt: z.number(),
  urgent: z.boolean(),
  grades: z.array(Grade),
  subjects: z.array(Subject),
  focus: Area,
  reason: UnmatchedReason,
  consultants: z.array(AssignableConsultant),
});
export type UnmatchedRequest = z.infer<typeof UnmatchedRequest>;

export const AssignBody = z.strictObject({ consultant: z.string().min(1).max(64) });

/** One month of a consultant's record of support: counts only, never a teacher, never a finer date. */
export const RecognitionMonth = z.object({
  /** "2026-11" */
  month: z.string(),
  /** Hours of check-ins agreed and already over, to the quarter hour. */
  hours: z.number(),
  sessions: z.number(),
  /** Teachers supported that month (a conversation open at any time in it, or a session held). */
  teachers: z.number(),
});
export type RecognitionMonth = z.infer<typeof RecognitionMonth>;

/** The record a consultant or mentor downloads for professional-development credit. */
export const RecognitionRecord = z.object({
  months: z.array(RecognitionMonth),
  totals: z.object({ hours: z.number(), sessions: z.number(), teachers: z.number() }),
});
export type RecognitionRecord = z.infer<typeof RecognitionRecord>;

/** Why the caseload suggests proposing to taper off: it has run long, or the release ends soon. */
export const TaperReason = z.enum(['long-running', 'term-ending']);
export type TaperReason = z.infer<typeof TaperReason>;
/** Weeks after which a conversation suggests tapering off (peer support is targeted; mentorship runs a year). */
export const TAPER_WEEKS: Record<SupportKind, number> = { 'peer-support': 10, mentorship: 40 };
/** Days before a release ends when every conversation suggests tapering off. */
export const TERM_ENDING_DAYS = 21;

/** One of a consultant's active conversations, as their caseload shows it: times and counts, never content. */
export const CaseloadEntry = z.object({
  id: z.string(),
  peerName: z.string(),
  kind: SupportKind,
  status: ConversationStatus,
  startedAt: z.number(),
  /** The newest message, goal or session in it (the conversation's start when none). */
  lastActivityAt: z.number(),
  /** Sessions agreed and already over. */
  sessionsHeld: z.number(),
  taper: TaperReason.nullable(),
});
export type CaseloadEntry = z.infer<typeof CaseloadEntry>;

export const Caseload = z.object({
  commitment: Commitment.nullable(),
  termEndsAt: z.string().nullable(),
  capacity: z.number(),
  entries: z.array(CaseloadEntry),
});
export type Caseload = z.infer<typeof Caseload>;
