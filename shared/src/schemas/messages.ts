import { z } from 'zod';
import { GROUP_LIMITS } from '../limits.js';
import { Id } from './groups.js';

export const REACTIONS = ['heart', 'hug', 'thumbs-up', 'idea', 'thanks'] as const;
export const ReactionKind = z.enum(REACTIONS);
export type ReactionKind = z.infer<typeof ReactionKind>;
export const REACTION_LABELS: Record<ReactionKind, string> = {
  heart: 'Heart',
  hug: 'Hug',
  'thumbs-up': 'Thumbs up',
  idea: 'Good idea',
  thanks: 'Thanks',
};
/** How many members gave each kind of reaction (kinds nobody gave are left out). */
export const ReactionCounts = z.partialRecord(ReactionKind, z.number());
export type ReactionCounts = z.infer<typeof ReactionCounts>;

/**
 * A message as stored and delivered. `seq` is the group's sequence number: 1, 2, 3… with no gaps, so a client
 * can tell what it missed. `text` is HTML-escaped plain text (`&amp;`, `&lt;`, `&gt;`): show it with
 * `decodeMessageText` as a text node, never as HTML.
 */
export const Message = z.object({
  groupId: z.string(),
  seq: z.number().int().positive(),
  ts: z.number(),
  kind: z.enum(['text', 'meeting', 'removed']),
  author: z.object({ tag: z.string(), name: z.string() }).nullable(),
  text: z.string(),
  /** For `removed` tombstones: who removed it (the text is gone from the server). */
  removedBy: z.enum(['moderator', 'author']).optional(),
  /** The sender's idempotency key, so the sender's own client can match its pending copy. */
  clientId: z.string().optional(),
  reactions: ReactionCounts.optional(),
  /** Reactions the receiving member gave (in history only). */
  mine: z.array(ReactionKind).optional(),
});
export type Message = z.infer<typeof Message>;

export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const SendMessage = z.strictObject({
  groupId: Id,
  clientId: ClientId,
  /** Bounded loosely here; the exact limit (after normalising) answers `MESSAGE_TOO_LONG`. */
  text: z
    .string()
    .min(1)
    .max(GROUP_LIMITS.messageMax * 4),
  /** The member saw the privacy warning and chose "send anyway". */
  confirmIdentifying: z.boolean().default(false),
  /**
   * The browser stopped a message longer than `text` may be here, and its crisis guard flagged it: `text` is the
   * part that suggests risk. Never posted: answered `MESSAGE_TOO_LONG`, with the contacts and the moderators'
   * urgent item (without the text) when the server's own crisis check agrees, as for any over-long message.
   */
  tooLong: z.literal(true).optional(),
});

/** A phone number as dialled: digits, optionally a leading +; 2 to 16 digits (short codes like 988 included). */
const DialString = z.string().regex(/^\+?[0-9]{2,16}$/, 'digits only, optionally with a leading +');

/**
 * Where to find help right now, shown privately to someone whose message suggests risk. `call` and `text` become
 * tap-to-call (`tel:`) and tap-to-text (`sms:`) links; `url` an https link. They come from the deployment's
 * configuration, never from members, and are checked here so a link can only dial or open https.
 */
export const SupportResource = z.object({
  name: z.string().min(1).max(120),
  contact: z.string().min(1).max(200),
  hours: z.string().max(60),
  call: DialString.optional(),
  text: DialString.optional(),
  url: z
    .url({ protocol: /^https$/ })
    .max(300)
    .optional(),
});
export type SupportResource = z.infer<typeof SupportResource>;

/** Decodes the stored text for display as a text node. The only entities the server produces are these. */
export function decodeMessageText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * A message of yours held for review (the group holds messages the crisis guard flags): only you and the group's
 * moderators see it, until a moderator releases it to the group or keeps it hidden.
 */
export const HeldMessage = z.object({
  groupId: z.string(),
  clientId: z.string(),
  text: z.string(),
  ts: z.number(),
});
export type HeldMessage = z.infer<typeof HeldMessage>;
