import { RESOURCE_LIMITS } from '@staffroom/shared/limits';

/**
 * Links and short documents shared in a conversation, sealed in the browser.
 *
 * - A resource's description (title, and the address, or the file name, type, size and the document's own key)
 *   is a sealed conversation item of kind `resource`: bound to the conversation, the sender and their counter like
 *   every message. The server never sees a title, an address or a file name.
 * - A document is sealed apart, under a fresh AES-256-GCM key that only its description holds, padded to a
 *   multiple of 4 KiB so its size tells little. It is fetched only when someone opens it and handed to the
 *   person as a blob URL made here: no link previews, nothing fetched from the shared address, ever.
 */
export type ResourceContent =
  | { type: 'link'; title: string; url: string }
  | {
      type: 'document';
      title: string;
      name: string;
      mime: DocumentType;
      bytes: number;
      /** The document's AES-GCM key and IV (base64): only this description opens it. */
      key: string;
      iv: string;
    };

export type DocumentType = (typeof RESOURCE_LIMITS.documentTypes)[number];

type Bytes = Uint8Array<ArrayBuffer>;
const PAD_BLOCK = 4 * 1024;

const toBase64 = (bytes: ArrayBuffer | Bytes): string => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary);
};
const fromBase64 = (text: string): Bytes => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A link's title and address, checked: only http(s), within the limits. Returns an error in words, or null. */
export function checkLink(title: string, url: string): string | null {
  if (!title.trim()) return 'Give the link a title.';
  if (title.trim().length > RESOURCE_LIMITS.titleMax)
    return `A title can be at most ${RESOURCE_LIMITS.titleMax} characters.`;
  if (url.length > RESOURCE_LIMITS.urlMax) return 'This address is too long.';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'This does not look like a web address. It should start with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'Only web addresses (https://…) can be shared.';
  return null;
}

const EXTENSIONS: Record<string, DocumentType> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  pdf: 'application/pdf',
};

/**
 * What kind of document a file is, checked by its name and its content: a PDF must start with `%PDF-`, a text or
 * Markdown file must be valid UTF-8 with no NUL. Null with the reason in words when it is not accepted.
 */
export function checkDocument(
  name: string,
  bytes: Uint8Array,
): { ok: true; mime: DocumentType } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: false, error: 'This file is empty.' };
  if (bytes.length > RESOURCE_LIMITS.documentBytes)
    return { ok: false, error: `A document can be at most ${RESOURCE_LIMITS.documentBytes / 1024} KB.` };
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const mime = EXTENSIONS[ext];
  if (!mime)
    return { ok: false, error: 'Only text (.txt), Markdown (.md) and PDF (.pdf) files can be shared.' };
  if (mime === 'application/pdf') {
    const head = String.fromCharCode(...bytes.subarray(0, 5));
    return head === '%PDF-' ? { ok: true, mime } : { ok: false, error: 'This file is not a PDF.' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return { ok: false, error: 'This file is not plain text.' };
  } catch {
    return { ok: false, error: 'This file is not plain text.' };
  }
  return { ok: true, mime };
}

/** Four bytes of length, the bytes, zeros up to a multiple of 4 KiB. */
function pad(bytes: Uint8Array): Bytes {
  const total = Math.ceil((bytes.length + 4) / PAD_BLOCK) * PAD_BLOCK;
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

function unpad(bytes: Uint8Array): Bytes {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (length > bytes.length - 4) throw new Error('Malformed document.');
  return new Uint8Array(bytes.subarray(4, 4 + length));
}

/** Seals a document under a fresh key: the ciphertext for the server, the key and IV for its description. */
export async function sealDocument(
  bytes: Uint8Array,
): Promise<{ ciphertext: string; key: string; iv: string }> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, pad(bytes));
  const raw = await crypto.subtle.exportKey('raw', key);
  return { ciphertext: toBase64(ciphertext), key: toBase64(raw), iv: toBase64(iv) };
}

/** Opens a sealed document with the key and IV from its description; throws when it was altered. */
export async function openDocument(ciphertext: ArrayBuffer, key: string, iv: string): Promise<Bytes> {
  const aes = await crypto.subtle.importKey('raw', fromBase64(key), 'AES-GCM', false, ['decrypt']);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, aes, ciphertext);
  return unpad(new Uint8Array(plain));
}

export const serializeResource = (content: ResourceContent): string => JSON.stringify(content);

const str = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** A decrypted description, checked field by field (the other side's browser could send anything). */
export function parseResource(text: string): ResourceContent | null {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return null;
  }
  if (!x || typeof x !== 'object') return null;
  const r = x as Record<string, unknown>;
  if (!str(r.title, RESOURCE_LIMITS.titleMax) || !r.title.trim()) return null;
  if (r.type === 'link') {
    if (!str(r.url, RESOURCE_LIMITS.urlMax) || checkLink(r.title, r.url) !== null) return null;
    return { type: 'link', title: r.title, url: r.url };
  }
  if (r.type === 'document') {
    const mime = RESOURCE_LIMITS.documentTypes.find((t) => t === r.mime);
    if (!mime || !str(r.name, 255) || !str(r.key, 64) || !str(r.iv, 32)) return null;
    if (typeof r.bytes !== 'number' || r.bytes < 0 || r.bytes > RESOURCE_LIMITS.documentBytes) return null;
    return { type: 'document', title: r.title, name: r.name, mime, bytes: r.bytes, key: r.key, iv: r.iv };
  }
  return null;
}

/** "12 KB", "1 KB" for a document's size. */
export const sizeText = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1024))} KB`;
