import { describe, expect, it } from 'vitest';
import { RESOURCE_LIMITS } from '@staffroom/shared/limits';
import { checkDocument, checkLink, openDocument, parseResource, sealDocument } from './resources';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('shared resources', () => {
  it('accepts web addresses only, with a title', () => {
    expect(checkLink('Roles', 'https://example.org/x')).toBeNull();
    expect(checkLink('Roles', 'http://example.org/x')).toBeNull();
    expect(checkLink('', 'https://example.org')).toMatch(/title/);
    expect(checkLink('Roles', 'javascript:alert(1)')).toMatch(/web addresses/);
    expect(checkLink('Roles', 'data:text/html,hi')).toMatch(/web addresses/);
    expect(checkLink('Roles', 'example.org')).toMatch(/https/);
  });

  it('checks a document by name and by content, and by size', () => {
    expect(checkDocument('plan.md', bytes('# Plan'))).toEqual({ ok: true, mime: 'text/markdown' });
    expect(checkDocument('plan.txt', bytes('Plan'))).toEqual({ ok: true, mime: 'text/plain' });
    expect(checkDocument('plan.pdf', bytes('%PDF-1.7 ...'))).toEqual({ ok: true, mime: 'application/pdf' });
    expect(checkDocument('plan.pdf', bytes('not a pdf')).ok).toBe(false);
    expect(checkDocument('plan.docx', bytes('PK')).ok).toBe(false);
    expect(checkDocument('plan.txt', new Uint8Array([0xff, 0xfe, 0x00])).ok).toBe(false);
    expect(checkDocument('plan.txt', new Uint8Array(RESOURCE_LIMITS.documentBytes + 1).fill(65)).ok).toBe(
      false,
    );
    expect(checkDocument('plan.txt', new Uint8Array(0)).ok).toBe(false);
  });

  it('seals a document padded to 4 KiB under its own key, and opens it back; altered, it does not open', async () => {
    const doc = bytes('Countdown from ten');
    const sealed = await sealDocument(doc);
    const raw = Uint8Array.from(atob(sealed.ciphertext), (c) => c.charCodeAt(0));
    expect(raw.length).toBe(4096 + 16);
    expect(new TextDecoder().decode(await openDocument(raw.buffer, sealed.key, sealed.iv))).toBe(
      'Countdown from ten',
    );
    raw[10] = (raw[10] ?? 0) ^ 1;
    await expect(openDocument(raw.buffer, sealed.key, sealed.iv)).rejects.toThrow();
    const largest = await sealDocument(new Uint8Array(RESOURCE_LIMITS.documentBytes).fill(65));
    expect(largest.ciphertext.length).toBeLessThanOrEqual(RESOURCE_LIMITS.sealedDocumentChars);
  });

  it('reads a description field by field, refusing what a browser should never have sent', () => {
    expect(parseResource(JSON.stringify({ type: 'link', title: 'A', url: 'https://a.example' }))).toEqual({
      type: 'link',
      title: 'A',
      url: 'https://a.example',
    });
    expect(parseResource(JSON.stringify({ type: 'link', title: 'A', url: 'javascript:x' }))).toBeNull();
    expect(
      parseResource(
        JSON.stringify({
          type: 'document',
          title: 'A',
          name: 'a.exe',
          mime: 'application/x-msdownload',
          bytes: 3,
          key: 'k',
          iv: 'i',
        }),
      ),
    ).toBeNull();
    expect(parseResource('not json')).toBeNull();
  });
});
