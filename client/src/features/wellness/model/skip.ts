/**
 * "Skip this week" is remembered in this tab only (sessionStorage, gone when the tab closes): it holds the week
 * id, nothing about the person, and the invitation comes back next week or in a new tab.
 */
const KEY = 'staffroom:pulse-skipped-week';

export function skippedWeek(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function skipWeek(week: string): void {
  try {
    sessionStorage.setItem(KEY, week);
  } catch {
    // storage unavailable: the invitation simply shows again
  }
}
