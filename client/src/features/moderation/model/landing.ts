import type { QueueItem } from '@staffroom/shared/schemas/moderation';
import { plural } from './plural';

/** What a moderator's landing page shows: the groups they moderate and their open reports. */
export interface Landing {
  groups: { id: string; name: string }[];
  items: QueueItem[];
}

/**
 * An urgent item nobody has acknowledged yet. Not one whose member has deleted their account since
 * (`subjectErased`): there is nobody left to reach, so it does not wait for anyone.
 */
export const awaitsModerator = (i: QueueItem): boolean => i.urgent && !i.acknowledged && !i.subjectErased;

/** The queue as the landing page shows it: urgent first (unacknowledged before acknowledged), then oldest. */
export function urgentFirst(items: readonly QueueItem[]): QueueItem[] {
  const rank = (i: QueueItem) => (i.urgent ? (awaitsModerator(i) ? 0 : 1) : 2);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt);
}

/** What this moderator should do next, in words, most pressing first. */
export function nextSteps(data: Landing): string[] {
  const urgent = data.items.filter(awaitsModerator);
  const open = data.items.length;
  const steps: string[] = [];
  if (data.groups.length === 0) {
    steps.push(
      'A coordinator has not appointed you to a group yet. You will see its reports here as soon as they do; meanwhile, browse the groups and read their guidelines.',
    );
    return steps;
  }
  if (urgent.length > 0) {
    steps.push(
      `Open the urgent ${urgent.length === 1 ? 'alert' : 'alerts'} first: reach out privately, or say “I am on it” so coordinators know someone is.`,
    );
  }
  if (open > urgent.length) {
    const rest = open - urgent.length;
    steps.push(`Work through the ${plural(rest, 'other open report')} in the queue, oldest first.`);
  }
  if (open === 0) steps.push('Nothing waits for you. Look in on your groups and read their guidelines.');
  steps.push('Check each group’s settings: slow mode, blocked terms and the peers’ care card.');
  return steps;
}
