import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderProtocolReference } from './reference.js';

describe('docs/PROTOCOL.md', () => {
  it('is the reference generated from the shared registries (run `npm run docs:protocol` when this fails)', () => {
    const onDisk = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderProtocolReference());
  });
});
