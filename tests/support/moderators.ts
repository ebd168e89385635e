import type { TestMember } from './member.js';

/**
 * A coordinator appoints an account invited as a moderator (`mod:appoint`, by pseudonym) to a group, which it then
 * joins (an invite-only group with its code). Returns its tag there. Coordinators are not moderators of any group
 * (moderation/README.md), so a test that needs someone to moderate appoints one this way.
 */
export async function appointModerator(
  admin: TestMember,
  moderator: TestMember,
  groupId: string,
  code?: string,
): Promise<string> {
  const appointed = await admin.transport.request('mod:appoint', {
    groupId,
    pseudonym: moderator.pseudonym,
    on: true,
  });
  if (!appointed.ok) throw new Error(`mod:appoint failed: ${appointed.error.code}`);
  const joined = await moderator.transport.request(
    'group:join',
    code === undefined ? { groupId, acceptGuidelines: true } : { code, acceptGuidelines: true },
  );
  if (!joined.ok) throw new Error(`join failed: ${joined.error.code}`);
  return joined.data.me.tag;
}
