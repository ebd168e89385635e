import { useEffect, useSyncExternalStore } from 'react';
import type { Viewer } from '../model/viewer';
import { createIdentity, unlockIdentity, type Identity } from '../../../lib/e2e-crypto';
import { wrappingKey, type PassphraseSecrets } from '../../../lib/passphrase-secrets';
import { supportApi } from '../api/support-api';
import { clearStoredIdentity, loadStoredIdentity, storeIdentity } from './key-db';
import { clearDevicePins } from './pin-db';

/**
 * - `idle`: not looked at yet for this account
 * - `checking`: reading this device and the server
 * - `working`: deriving the key from the passphrase (Argon2id, up to about a second) or making a new key pair
 * - `ready`: the private key is unlocked on this device
 * - `locked`: the server holds your key, this device does not have it unlocked: the passphrase is needed
 * - `missing`: this account has no key yet: the passphrase is needed to make one
 * - `mismatch`: the passphrase given does not unlock the key the server holds
 * - `unavailable`: the server could not be reached to check
 */
export type KeyStatus =
  'idle' | 'checking' | 'working' | 'ready' | 'locked' | 'missing' | 'mismatch' | 'unavailable';

export interface KeyState {
  status: KeyStatus;
  accountId: string | null;
  /** Only when `ready`: the private key is a non-extractable CryptoKey. */
  identity: Identity | null;
  /** What went wrong, in words (`unavailable`). */
  message: string | null;
}

const IDLE: KeyState = { status: 'idle', accountId: null, identity: null, message: null };
let state: KeyState = IDLE;
/** Bumped by every new attempt and by `forgetKeys`: an older attempt that finishes late changes nothing. */
let generation = 0;
const listeners = new Set<() => void>();

function set(next: KeyState): void {
  state = next;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const getState = () => state;

const ROLES_WITH_KEYS = new Set<Viewer['role']>(['member', 'consultant']);
/** The log-in or sign-up page waits this long for the key at most; the rest finishes in the background. */
const SIGN_IN_WAIT_MS = 10_000;

async function adopt(accountId: string, identity: Identity, gen: number): Promise<void> {
  if (gen !== generation) return;
  set({ status: 'ready', accountId, identity, message: null });
  await storeIdentity({ accountId, publicKey: identity.publicKey, privateKey: identity.privateKey });
}

const unreachable = (err: unknown) =>
  err instanceof Error ? err.message : 'Staffroom cannot be reached. Check your connection and try again.';

/**
 * With the wrap secret derived from the passphrase just typed (`lib/passphrase-secrets.ts`): restores this
 * account's private key from the server's wrapped copy, or makes the key pair on first use (the server receives
 * only the public key and the wrapped private key). Neither the passphrase nor the wrap secret is ever stored or
 * sent anywhere by this module.
 */
export async function unlockKeys(me: Viewer, wrapSecret: Uint8Array): Promise<KeyStatus> {
  const gen = ++generation;
  set({ status: 'working', accountId: me.id, identity: null, message: null });
  try {
    const [{ keys }, key] = await Promise.all([supportApi.keys(), wrappingKey(wrapSecret)]);
    if (gen !== generation) return state.status;
    if (!keys) {
      const made = await createIdentity(key);
      await supportApi.saveKeys(made.bundle);
      await adopt(me.id, made.identity, gen);
    } else {
      let identity: Identity;
      try {
        identity = await unlockIdentity(keys, key);
      } catch {
        if (gen === generation) set({ status: 'mismatch', accountId: me.id, identity: null, message: null });
        return state.status;
      }
      await adopt(me.id, identity, gen);
    }
  } catch (err) {
    if (gen === generation)
      set({ status: 'unavailable', accountId: me.id, identity: null, message: unreachable(err) });
  }
  return state.status;
}

/**
 * Makes a new key pair under this passphrase and replaces the one on the server. Everything sealed for the old
 * key (earlier one-to-one history, on both sides) can no longer be read: the UI says so before calling this.
 */
export async function resetKeys(me: Viewer, wrapSecret: Uint8Array): Promise<KeyStatus> {
  const gen = ++generation;
  set({ status: 'working', accountId: me.id, identity: null, message: null });
  try {
    const made = await createIdentity(await wrappingKey(wrapSecret));
    await supportApi.saveKeys(made.bundle);
    await adopt(me.id, made.identity, gen);
  } catch (err) {
    if (gen === generation)
      set({ status: 'unavailable', accountId: me.id, identity: null, message: unreachable(err) });
  }
  return state.status;
}

/**
 * After a reload: the key this device kept, if it is still the account's current key; otherwise the page asks
 * for the passphrase. Offline, a kept key is trusted (it can only fail to read, never leak).
 */
export async function restoreKeys(me: Viewer): Promise<void> {
  if (state.accountId === me.id && state.status !== 'idle') return;
  const gen = ++generation;
  set({ status: 'checking', accountId: me.id, identity: null, message: null });
  const stored = await loadStoredIdentity();
  if (stored && stored.accountId !== me.id) await clearStoredIdentity();
  const mine = stored?.accountId === me.id ? stored : null;
  let server: { publicKey: string } | null | undefined;
  let problem: unknown = null;
  try {
    server = (await supportApi.keys()).keys;
  } catch (err) {
    problem = err;
  }
  if (gen !== generation) return;
  if (mine && (server === undefined || server?.publicKey === mine.publicKey)) {
    set({
      status: 'ready',
      accountId: me.id,
      identity: { privateKey: mine.privateKey, publicKey: mine.publicKey },
      message: null,
    });
  } else if (server === undefined) {
    set({ status: 'unavailable', accountId: me.id, identity: null, message: unreachable(problem) });
  } else {
    if (mine) await clearStoredIdentity(); // replaced on another device: this copy is stale
    set({ status: server === null ? 'missing' : 'locked', accountId: me.id, identity: null, message: null });
  }
}

/** Log-out, or the session ended: the key leaves memory and this device. */
export function forgetKeys(): void {
  generation += 1;
  if (state !== IDLE) set(IDLE);
  void clearStoredIdentity();
  void clearDevicePins();
}

/**
 * For the log-in and sign-up pages, with the secrets of the passphrase just typed: unlock (or create) the key of
 * a teacher or consultant. Waits a bounded time, never throws; anything left is finished in the background or
 * asked for later on the conversation page.
 */
export async function keysAfterSignIn(me: Viewer, secrets: PassphraseSecrets): Promise<void> {
  if (!ROLES_WITH_KEYS.has(me.role)) return;
  const done = unlockKeys(me, secrets.wrapSecret).then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([done, new Promise<void>((resolve) => setTimeout(resolve, SIGN_IN_WAIT_MS))]);
}

/** This account's key state; starts the check on first use after a reload. */
export function useKeys(me: Viewer): KeyState {
  const current = useSyncExternalStore(subscribe, getState, getState);
  const stale = current.accountId !== me.id || current.status === 'idle';
  useEffect(() => {
    if (stale) void restoreKeys(me);
  }, [stale, me]);
  return stale ? { ...IDLE, status: 'checking', accountId: me.id } : current;
}

/** "Try again" after the server could not be reached. */
export function retryKeys(me: Viewer): void {
  generation += 1;
  set(IDLE);
  void restoreKeys(me);
}
