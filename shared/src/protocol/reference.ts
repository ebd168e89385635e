import { z } from 'zod';
import { clientEvents } from './client-events.js';
import { ErrorCode, httpStatusOf } from './errors.js';
import { httpRoutes } from './http-routes.js';
import { serverEvents } from './server-events.js';
import { PROTOCOL_VERSION } from './version.js';

function schemaBlock(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  delete (json as { $schema?: string }).$schema;
  return ['```json', JSON.stringify(json, null, 2), '```'].join('\n');
}

/** One-line docs of the error codes, read from the JSDoc in errors.ts would need a parser; keep them here. */
const ERROR_DOCS: Record<ErrorCode, string> = {
  INVALID_PAYLOAD: 'The body or payload does not match the schema.',
  PAYLOAD_TOO_LARGE:
    'The body or frame is larger than allowed (a socket frame over 64 KB closes the connection).',
  UNAUTHENTICATED: 'No valid session: log in first.',
  FORBIDDEN: 'Logged in, but this role or membership may not do this.',
  NOT_FOUND: 'The thing does not exist, or you may not know that it exists.',
  INVALID_CREDENTIALS: 'Pseudonym and passphrase do not match (the same answer for an unknown pseudonym).',
  LOCKED_OUT: 'Too many failed logins for this pseudonym; `retryAfterMs` says how long.',
  RATE_LIMITED: 'Too many requests or events; `retryAfterMs` says how long.',
  INVITE_INVALID: 'The invite code is unknown, expired, revoked or used up.',
  PSEUDONYM_TAKEN: 'The pseudonym (or a look-alike) is in use.',
  PSEUDONYM_REJECTED: 'The pseudonym breaks a rule; the message says which.',
  PASSPHRASE_REJECTED: 'The passphrase is too short, too long or too common.',
  PROTOCOL_MISMATCH: 'The client speaks another protocol version: reload.',
  ORIGIN_REJECTED: 'The request came from a page on another origin.',
  GUIDELINES_REQUIRED: "Accept the group's guidelines (`acceptGuidelines: true`) to join.",
  MESSAGE_TOO_LONG: 'The message is longer than 2,000 characters after normalising.',
  MESSAGE_EMPTY: 'Nothing is left of the message after removing markup and invisible characters.',
  MUTED: 'A moderator muted you in this group; `until` says when it ends.',
  BANNED: 'You are banned from this group (or from Staffroom); `until` when timed.',
  GROUP_LOCKED: 'The group is locked: members can read but not post.',
  SLOW_MODE: 'Slow mode: wait `retryAfterMs` before your next message here.',
  BLOCKED_TERM:
    'The message contains a term this community does not allow; `support` (crisis resources) when it also suggested risk.',
  PRIVACY_CONFIRM_REQUIRED:
    'The message may identify someone (`findings`): edit it or resend with `confirmIdentifying: true`.',
  CONFLICT: 'The state changed under you.',
  UNAVAILABLE:
    'The store is briefly unreachable; nothing was changed; retry (sends: with the same clientId).',
  INTERNAL: 'Something unexpected; nothing was changed.',
  ACCOUNT_ERASING:
    'The account is being erased: log-in is refused; its owner finishes the erasure with the same passphrase.',
};

/**
 * The protocol reference, generated from the shared registries. `docs/PROTOCOL.md` is this text; a unit test
 * fails when the file is stale (`npm run docs:protocol` rewrites it).
 */
export function renderProtocolReference(): string {
  const out: string[] = [
    '# Staffroom protocol reference',
    '',
    '<!-- Generated from shared/src/protocol by `npm run docs:protocol`. Do not edit by hand. -->',
    '',
    `Protocol version **${PROTOCOL_VERSION}**. The socket.io client connects to \`/socket.io\` on the same origin with`,
    '`auth: { v: PROTOCOL_VERSION }` and the session cookie; a handshake without a live session fails with',
    '`connect_error` whose `data` is `{ code, message }` (`UNAUTHENTICATED`, `PROTOCOL_MISMATCH`, `UNAVAILABLE`, or',
    '`RATE_LIMITED` with `retryAfterMs` when the account already holds `SOCKETS_PER_ACCOUNT` sockets on that node);',
    'a foreign `Origin` is refused before the handshake. Frames are limited to 64 KB.',
    '',
    '## Acks and errors',
    '',
    'Every client event carries an ack callback and gets exactly one answer:',
    '`{ ok: true, data }` or `{ ok: false, error: { code, message, field?, retryAfterMs? } }`.',
    'An unknown event is answered `INVALID_PAYLOAD`; an event without an ack callback is ignored. Both count as refusals',
    'towards the flood cut-off (`SOCKET_ABUSE_REFUSALS` in 10 s disconnects the socket).',
    'HTTP errors are `{ error: code, message, field?, retryAfterMs? }` with the status below.',
    '',
    '| code | HTTP | meaning |',
    '| --- | --- | --- |',
    ...Object.values(ErrorCode).map((c) => `| \`${c}\` | ${httpStatusOf[c]} | ${ERROR_DOCS[c]} |`),
    '',
    '## Client → server events',
    '',
  ];
  for (const [name, spec] of Object.entries(clientEvents)) {
    out.push(
      `### \`${name}\``,
      '',
      'Payload:',
      '',
      schemaBlock(spec.payload, 'input'),
      '',
      'Ack data:',
      '',
      schemaBlock(spec.result, 'output'),
      '',
    );
  }
  out.push('## Server → client events', '');
  for (const [name, schema] of Object.entries(serverEvents)) {
    out.push(`### \`${name}\``, '', schemaBlock(schema, 'output'), '');
  }
  out.push(
    '## REST routes',
    '',
    'All under `/api`, JSON, `Cache-Control: no-store`. State-changing requests must come from an allowed origin.',
    '',
  );
  for (const r of httpRoutes) {
    out.push(`### \`${r.method} /api${r.path}\``, '', `${r.summary} Access: **${r.access}**.`, '');
    if (r.errors?.length) out.push(`Errors: ${r.errors.map((e) => `\`${e}\``).join(', ')}.`, '');
    if (r.query) out.push('Query:', '', schemaBlock(r.query, 'input'), '');
    if (r.body) out.push('Body:', '', schemaBlock(r.body, 'input'), '');
    out.push('Response:', '', schemaBlock(r.response, 'output'), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
