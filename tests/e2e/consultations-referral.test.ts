import { beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, expectNoPageProblems, useE2eStack } from '../support/e2e-stack.js';
import { coordinatorAgent } from '../support/e2e-accounts.js';
import { createInvite, GOOD_PASSPHRASE, signUp, uniquePseudonym } from '../support/http.js';

/**
 * Issue 16, item 4: a referrer (here someone without an account, as a principal may be) makes a link on the public
 * page; the teacher opens it, finds the reasons ticked, and sends the request themself. The reasons travel only
 * in the fragment: no request either browser makes carries them.
 */
describe('a referral link prefills the intake, and only the teacher sends it', () => {
  const stack = useE2eStack();
  const sentUrls: string[] = [];
  /** A page whose every request (from any page of its context) is kept in `sentUrls`. */
  async function open(label: string) {
    const page = await stack.open(label, { timeout: 20_000 });
    page.context().on('request', (r) => sentUrls.push(r.url()));
    return page;
  }
  let link = '';
  let memberInvite = '';

  beforeAll(async () => {
    const admin = await coordinatorAgent(stack);
    memberInvite = await createInvite(admin, 'member', 1);
  });

  it('makes the link on the referrer’s device, from fixed reasons only', async () => {
    const page = await open('referrer');
    await page.goto('/support/refer');
    await page.getByRole('heading', { level: 1, name: 'Suggest support to a colleague' }).waitFor();
    await page.getByText('Choose at least one reason to make the link.').waitFor();
    await page.getByRole('checkbox', { name: 'A new assignment' }).check();
    await page.getByRole('checkbox', { name: 'Workload stress' }).check();
    const made = page.getByLabel('Link to give your colleague');
    await expect
      .poll(() => made.inputValue())
      .toBe(`${stack.node.url}/support/ask#refer=new-assignment,workload-stress`);
    link = await made.inputValue();
    expect(await page.getByRole('textbox').count()).toBe(1); // no free text about the teacher
    await checkScreen(page, 'referral-make-link');
  });

  it('opens with the reasons ticked, drops the fragment from the address, and the teacher sends it', async () => {
    const t = await open('teacher');
    // The teacher has an account but is not logged in here: the link survives the log-in detour.
    const pseudonym = uniquePseudonym('Teacher');
    await signUp(stack.node.url, memberInvite, pseudonym);
    await t.goto(link);
    await t.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await t.getByLabel('Pseudonym').fill(pseudonym);
    await t.getByLabel('Passphrase', { exact: true }).fill(GOOD_PASSPHRASE);
    await t.getByRole('button', { name: 'Log in' }).click();
    await t.getByRole('heading', { name: 'Someone suggested this might help' }).waitFor();
    const ticked = (name: string) => t.getByRole('checkbox', { name }).isChecked();
    await expect.poll(() => ticked('A new assignment')).toBe(true);
    await expect.poll(() => ticked('Workload stress')).toBe(true);
    expect(await ticked('A challenging class')).toBe(false);
    await t.waitForURL((u) => u.hash === '' && u.pathname === '/support/ask');
    await checkScreen(t, 'referral-intake-prefilled');

    await t.getByRole('group', { name: 'Grades' }).getByLabel('4', { exact: true }).check();
    await t.getByRole('checkbox', { name: 'Science', exact: true }).check();
    await t.getByRole('radio', { name: 'Planning units and lessons' }).check();
    await t.getByRole('checkbox', { name: 'Messages when it suits us' }).check();
    await t.getByRole('button', { name: 'Ask for support' }).click();
    await t.getByRole('region', { name: 'Your request', exact: true }).waitFor();

    // No request either browser made carried the fragment.
    expect(sentUrls.length).toBeGreaterThan(5);
    expect(sentUrls.filter((u) => u.includes('refer='))).toEqual([]);
  });

  it('raised no Content Security Policy violation and no uncaught error', () => {
    expectNoPageProblems(stack);
  });
});
