import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from './config.js';

const PEPPER = 'p'.repeat(40);

describe('loadConfig', () => {
  it('runs embedded with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.embedded).toBe(true);
    expect(config.PORT).toBe(3000);
    expect(config.BCRYPT_COST).toBe(12);
    expect(config.pepper.length).toBeGreaterThanOrEqual(32);
  });

  it('uses Redis when REDIS_URL is set, and then requires a pepper', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/PASSPHRASE_PEPPER/);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', PASSPHRASE_PEPPER: PEPPER });
    expect(config.embedded).toBe(false);
    expect(config.pepper).toBe(PEPPER);
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', BCRYPT_COST: '4', REDIS_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of ['PORT', 'BCRYPT_COST', 'REDIS_URL', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('keeps bcrypt cost at 10 or more', () => {
    expect(() => loadConfig({ BCRYPT_COST: '9' })).toThrow(/BCRYPT_COST/);
    expect(loadConfig({ BCRYPT_COST: '10' }).BCRYPT_COST).toBe(10);
  });

  it('accepts fractional durations so tests can use seconds', () => {
    expect(loadConfig({ LOGIN_LOCK_MINUTES: '0.05' }).LOGIN_LOCK_MINUTES).toBe(0.05);
  });

  it('makes cookies Secure by default in production, and lets an explicit setting win', () => {
    expect(loadConfig({}).COOKIE_SECURE).toBe('auto');
    expect(loadConfig({ NODE_ENV: 'production' }).COOKIE_SECURE).toBe('true');
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'auto' }).COOKIE_SECURE).toBe('auto');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).embedded).toBe(true);
  });
});

describe('README config table', () => {
  it('documents exactly the variables the schema reads', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });
});
