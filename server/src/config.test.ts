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

  it('never lets the pulse k or batch go below 5, and keeps the test clock to tests', () => {
    expect(() => loadConfig({ PULSE_K: '4' })).toThrow(/PULSE_K/);
    expect(() => loadConfig({ PULSE_BATCH_MIN: '1' })).toThrow(/PULSE_BATCH_MIN/);
    expect(loadConfig({ PULSE_K: '10' }).PULSE_K).toBe(10);
    expect(() => loadConfig({ PULSE_TEST_CLOCK: 'true' })).toThrow(/PULSE_TEST_CLOCK/);
    expect(() => loadConfig({ PULSE_TEST_CLOCK: 'true', NODE_ENV: 'production' })).toThrow(
      /PULSE_TEST_CLOCK/,
    );
    expect(loadConfig({ PULSE_TEST_CLOCK: 'true', NODE_ENV: 'test' }).PULSE_TEST_CLOCK).toBe(true);
  });

  it('refuses the group:open test pause outside NODE_ENV=test', () => {
    expect(loadConfig({}).TEST_GROUP_OPEN_PAUSE_MS).toBe(0);
    expect(() => loadConfig({ TEST_GROUP_OPEN_PAUSE_MS: '500', NODE_ENV: 'production' })).toThrow(
      /TEST_GROUP_OPEN_PAUSE_MS: only with NODE_ENV=test/,
    );
    expect(() => loadConfig({ TEST_GROUP_OPEN_PAUSE_MS: '500' })).toThrow(/TEST_GROUP_OPEN_PAUSE_MS/);
    expect(loadConfig({ TEST_GROUP_OPEN_PAUSE_MS: '500', NODE_ENV: 'test' }).TEST_GROUP_OPEN_PAUSE_MS).toBe(
      500,
    );
  });

  it('accepts fractional durations so tests can use seconds', () => {
    expect(loadConfig({ LOGIN_LOCK_MINUTES: '0.05' }).LOGIN_LOCK_MINUTES).toBe(0.05);
  });

  it('reads crisis contacts with tap-to-call numbers and https links, and refuses anything else as a link', () => {
    const eap = { name: 'District EAP', contact: 'Call 1 800 555 0100', hours: '24/7', call: '+18005550100' };
    expect(loadConfig({ CRISIS_RESOURCES: JSON.stringify([eap]) }).crisisResources).toEqual([eap]);
    const bad = [
      { ...eap, call: 'javascript:alert(1)' },
      { ...eap, text: '555-0100' },
      { ...eap, url: 'javascript:alert(1)' },
      { ...eap, url: 'http://example.org' },
      { ...eap, name: '' },
    ];
    for (const resource of bad) {
      expect(() => loadConfig({ CRISIS_RESOURCES: JSON.stringify([resource]) })).toThrow(/CRISIS_RESOURCES/);
    }
    expect(
      loadConfig({ CRISIS_RESOURCES: JSON.stringify([{ ...eap, url: 'https://eap.example.org/help' }]) })
        .crisisResources[0]?.url,
    ).toBe('https://eap.example.org/help');
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
