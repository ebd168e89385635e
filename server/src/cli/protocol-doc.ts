import { writeFileSync } from 'node:fs';
import { renderProtocolReference } from '@staffroom/shared/protocol/reference';

/** `npm run docs:protocol`: rewrites docs/PROTOCOL.md from the shared registries. */
const target = new URL('../../../docs/PROTOCOL.md', import.meta.url);
writeFileSync(target, renderProtocolReference());
process.stdout.write(`wrote ${target.pathname}\n`);
