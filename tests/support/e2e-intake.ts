import type { Page } from 'playwright-core';

export interface IntakeChoices {
  /** Default '4'. */
  grade?: string;
  /** Default 'Science'. */
  subject?: string;
  /** Default 'Trying a new strategy'. */
  reason?: string;
  /** Default 'Assessment strategies'. */
  focus?: string;
}

/**
 * Ticks what a teacher's request for support needs on the intake page (`/support/ask`, already open): one grade,
 * one subject, one reason, the focus, and "Messages when it suits us". Sending is the caller's.
 */
export async function chooseIntake(
  page: Page,
  {
    grade = '4',
    subject = 'Science',
    reason = 'Trying a new strategy',
    focus = 'Assessment strategies',
  }: IntakeChoices = {},
): Promise<void> {
  await page.getByRole('group', { name: 'Grades' }).getByLabel(grade, { exact: true }).check();
  await page.getByRole('checkbox', { name: subject, exact: true }).check();
  await page.getByRole('checkbox', { name: reason }).check();
  await page.getByRole('radio', { name: focus }).check();
  await page.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
}
