/**
 * The bench's diagnostic switches (docs/benchmarks.md, 2026-12-07/08 h-perf16): `BENCH_SERVER_ENV_X=v` reaches every
 * server the bench starts as `X=v` (baselines too, which `--staffroom-env` never reached), and `BENCH_FAST_SIGNUP=1`
 * signs bench members up with a secret the server accepts, without the Argon2id work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_SECRET_PATTERN } from '@staffroom/shared/crypto/kdf-format';
import { serverPassThrough, spawnNode } from '../../bench/src/processes.js';
import { benchAuthSecret } from '../../bench/src/staffroom-provision.js';

const SET = ['BENCH_SERVER_ENV_PROBE_A', 'BENCH_SERVER_ENV_PROBE_B', 'BENCH_FAST_SIGNUP'] as const;
afterEach(() => {
  for (const key of SET) Reflect.deleteProperty(process.env, key);
});

describe('bench diagnostics', () => {
  it('when BENCH_SERVER_ENV_ variables are set, then only they pass, without the prefix', () => {
    expect(
      serverPassThrough({
        BENCH_SERVER_ENV_NODE_OPTIONS: '--import=/x.mjs',
        BENCH_SERVER_ENV_: 'nameless',
        BENCH_SERVER_LOG_DIR: '/tmp/logs',
        HOME: '/root',
      }),
    ).toEqual({ NODE_OPTIONS: '--import=/x.mjs' });
  });

  it('when a server is started, then it gets the pass-through, and its own env wins', async () => {
    process.env.BENCH_SERVER_ENV_PROBE_A = 'from-bench';
    process.env.BENCH_SERVER_ENV_PROBE_B = 'from-bench';
    const child = spawnNode(['-e', 'console.log(`${process.env.PROBE_A} ${process.env.PROBE_B}`)'], {
      PROBE_B: 'own',
    });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (child.exited()) {
          clearInterval(t);
          resolve();
        }
      }, 20);
    });
    expect(child.output).toEqual(['from-bench own']);
  });

  it('when BENCH_FAST_SIGNUP=1, then the secret has the form the sign-up schema asks for, one per pseudonym', async () => {
    process.env.BENCH_FAST_SIGNUP = '1';
    const never = new Promise<string>(() => {}); // the deployment salt is not needed
    const a = await benchAuthSecret('Bench1q', never);
    expect(a).toMatch(AUTH_SECRET_PATTERN);
    expect(await benchAuthSecret('Bench1q', never)).toBe(a);
    expect(await benchAuthSecret('Bench2q', never)).not.toBe(a);
  });
});
