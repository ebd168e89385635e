/**
 * A shared goal as both people see it. The whole object is sealed into one ciphertext (the server stores only
 * that, an id and the time of the last change), so title, status and progress notes are as private as messages.
 */
export const GOAL_STATUSES = ['not-started', 'in-progress', 'met'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  met: 'Met',
};

export interface GoalNote {
  at: number;
  text: string;
}

export interface GoalContent {
  title: string;
  status: GoalStatus;
  notes: GoalNote[];
}

export const GOAL_TITLE_MAX = 200;
export const GOAL_NOTE_MAX = 600;
/** The sealed JSON must fit the protocol's ciphertext limit (24,000 base64 characters, about 18,000 bytes). */
export const GOAL_BYTES_MAX = 16_000;

export function serializeGoal(goal: GoalContent): string {
  return JSON.stringify({ v: 1, title: goal.title, status: goal.status, notes: goal.notes });
}

/** Reads a decrypted goal defensively: the other person's client may be older or newer than this one. */
export function parseGoal(text: string): GoalContent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { title?: unknown; status?: unknown; notes?: unknown };
  if (typeof r.title !== 'string' || r.title.trim() === '') return null;
  const status = GOAL_STATUSES.includes(r.status as GoalStatus) ? (r.status as GoalStatus) : 'not-started';
  const notes = Array.isArray(r.notes)
    ? r.notes
        .filter(
          (n): n is GoalNote =>
            typeof n === 'object' &&
            n !== null &&
            typeof (n as GoalNote).at === 'number' &&
            typeof (n as GoalNote).text === 'string',
        )
        .map((n) => ({ at: n.at, text: n.text }))
    : [];
  return { title: r.title, status, notes };
}

export function goalBytes(goal: GoalContent): number {
  return new TextEncoder().encode(serializeGoal(goal)).length;
}
