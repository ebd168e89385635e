import { config } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function`, and probes whether it may when the first object schema
 * is built (the shared protocol modules build theirs on import). Our CSP has no `'unsafe-eval'`, so the probe
 * is refused and reported as a violation even though zod catches it. The browser parses little; it does not
 * need the compiled fast path. Imported first by `main.tsx`, before any module that loads the shared schemas (the
 * providers load some since the key derivation and the care inbox came in).
 */
config({ jitless: true });
