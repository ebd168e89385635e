/**
 * A diagnostic preload (issue 15), never for a deployment: bcrypt at its minimum cost (4) whatever the server asks,
 * so a bench run provisions thousands of accounts in seconds on a busy machine when what it measures comes after
 * the sign-ups (e.g. the memory an idle connection keeps). With BENCH_FAST_SIGNUP=1 for the bench's own side:
 *
 *   BENCH_FAST_SIGNUP=1 NODE_OPTIONS=--import=$PWD/scripts/fast-bcrypt.mjs npm run bench -- --scenario idle …
 *
 * The server's `import bcrypt from 'bcrypt'` is the CommonJS exports object, read at each call: patched here.
 */
import bcrypt from 'bcrypt';

const hash = bcrypt.hash;
bcrypt.hash = (data, _cost, ...rest) => hash.call(bcrypt, data, 4, ...rest);
