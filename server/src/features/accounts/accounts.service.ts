import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { detectIdentifying } from '@staffroom/shared/guards/privacy';
import {
  checkPseudonym,
  normalisePseudonym,
  pseudonymAsWords,
  pseudonymSkeleton,
  REAL_NAME_MESSAGE,
} from '@staffroom/shared/rules/pseudonym';
import { suggestPseudonym } from '@staffroom/shared/rules/suggestions';
import type {
  ChangePassphraseBody,
  CreateInviteBody,
  CreatedInvite,
  InviteInfo,
  LoginBody,
  Me,
  SessionInfo,
  SignupBody,
} from '@staffroom/shared/schemas/accounts';
import type { SessionEndReason } from '@staffroom/shared/protocol/server-events';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { LoginAttempt, LoginLimiter, LoginRefusal } from './login-limiter.js';
import type { DeviceStore } from './devices.store.js';
import type { PassphraseHasher } from './passphrase-hasher.js';
import type {
  AccountRecord,
  AccountStore,
  ErasingState,
  InviteRecord,
  SessionRecord,
} from './accounts.store.js';

export interface AccountServiceDeps {
  store: AccountStore;
  hasher: PassphraseHasher;
  limiter: LoginLimiter;
  /** Browsers an account logged in from; they skip the per-pseudonym throttle. */
  devices: DeviceStore;
  trustedDeviceMs: number;
  /** Trusted devices kept per account (the least recently used beyond are forgotten). */
  maxTrustedDevices: number;
  /** Called when failed log-ins without a known device reach the global budget (the spraying alarm). */
  onLoginAlarm?: () => void;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Called after sessions end, so their open sockets on every node can be closed. */
  onSessionsEnded: (sessionIds: readonly string[], reason: SessionEndReason) => void;
  /** True while the account is banned from Staffroom (from moderation). */
  isBanned?: (accountId: string) => Promise<boolean>;
  /** Records an admin action in the audit log (from moderation). */
  audit?: (
    p: Principal,
    action: 'create-invite' | 'revoke-invite',
    target: string,
    reason: string,
  ) => Promise<void>;
  now?: () => number;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const newId = () => randomBytes(12).toString('base64url');
/** Sessions are only re-written when they were last touched longer ago than this. */
const TOUCH_EVERY_MS = 60_000;

/** Invite codes are 4 groups of 5 from an alphabet without look-alikes: ~100 bits, easy to read aloud. */
const INVITE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
function newInviteCode(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
const normaliseInviteCode = (code: string) => code.trim().toLowerCase();

function toMe(a: AccountRecord): Me {
  return { id: a.id, pseudonym: a.pseudonym, role: a.role, createdAt: a.createdAt };
}

function toInviteInfo(i: InviteRecord): InviteInfo {
  return {
    id: i.id,
    role: i.role,
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    revoked: i.revoked,
    ...(i.note ? { note: i.note } : {}),
  };
}

/** What a successful log-in or sign-up hands the route: the session and this browser's device token. */
export interface Authenticated {
  me: Me;
  token: string;
  deviceToken: string;
}

export function createAccountService(deps: AccountServiceDeps) {
  const { store, hasher, limiter, devices } = deps;
  const now = deps.now ?? Date.now;
  let kdfSaltValue: Promise<string> | null = null;

  /** The hash of a device token that some account still trusts, or null (none, malformed, or forgotten). */
  async function knownDevice(deviceToken: string | undefined): Promise<string | null> {
    if (!deviceToken || !/^[A-Za-z0-9_-]{43}$/.test(deviceToken)) return null;
    const hash = sha256(deviceToken);
    return (await devices.isKnown(hash, now())) ? hash : null;
  }

  /** Trusts this browser for the account: its known token again, or a new one. */
  async function trustDevice(accountId: string, deviceToken: string | undefined): Promise<string> {
    const token =
      (await knownDevice(deviceToken)) && deviceToken ? deviceToken : randomBytes(32).toString('base64url');
    await devices.trust(accountId, sha256(token), now() + deps.trustedDeviceMs, deps.maxTrustedDevices);
    return token;
  }

  function sessionTtl(s: Pick<SessionRecord, 'createdAt'>, at: number): number {
    return Math.max(1, Math.min(deps.sessionIdleMs, s.createdAt + deps.sessionMaxMs - at));
  }

  async function startSession(account: AccountRecord, device: string): Promise<{ me: Me; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    const session: SessionRecord = {
      tokenHash: sha256(token),
      id: newId(),
      accountId: account.id,
      createdAt: at,
      lastSeenAt: at,
      device,
    };
    await store.createSession(session, sessionTtl(session, at));
    return { me: toMe(account), token };
  }

  function requireAdmin(p: Principal) {
    if (p.role !== 'admin')
      throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can do this.');
  }

  async function endSessions(
    accountId: string,
    sessions: readonly SessionRecord[],
    reason: SessionEndReason,
  ) {
    await store.deleteSessions(accountId, sessions);
    if (sessions.length > 0)
      deps.onSessionsEnded(
        sessions.map((s) => s.id),
        reason,
      );
  }

  async function createInviteRecord(body: CreateInviteBody): Promise<CreatedInvite> {
    const code = newInviteCode();
    const at = now();
    const invite: InviteRecord = {
      id: newId(),
      codeHash: sha256(code),
      role: body.role,
      maxUses: body.maxUses,
      uses: 0,
      expiresAt: at + Math.round(body.expiresInDays * 24 * 3600_000),
      createdAt: at,
      revoked: false,
      note: body.note,
    };
    await store.saveInvite(invite);
    return { ...toInviteInfo(invite), code };
  }

  return {
    /** Three pseudonyms nobody has taken yet. */
    async suggestPseudonyms(): Promise<string[]> {
      const picks = new Set<string>();
      for (let tries = 0; picks.size < 3 && tries < 30; tries++) {
        const candidate = suggestPseudonym(() => randomInt(1_000_000) / 1_000_000);
        if (!(await store.isPseudonymTaken(pseudonymSkeleton(candidate)))) picks.add(candidate);
      }
      return [...picks];
    },

    async signUp(body: SignupBody, device: string, deviceToken?: string): Promise<Authenticated> {
      const pseudonym = checkPseudonym(body.pseudonym);
      if (!pseudonym.ok)
        throw new AppError(ErrorCode.PSEUDONYM_REJECTED, pseudonym.message, { field: 'pseudonym' });
      // Shown to everyone in every group: the privacy guard reads names the rule's lists do not hold.
      if (
        detectIdentifying(pseudonymAsWords(pseudonym.value), { nameField: true }).some(
          (f) => f.kind === 'full-name',
        )
      )
        throw new AppError(ErrorCode.PSEUDONYM_REJECTED, REAL_NAME_MESSAGE, { field: 'pseudonym' });
      // The passphrase rules are checked in the browser: the server only ever sees the derived auth secret.
      const skeleton = pseudonymSkeleton(pseudonym.value);
      const inviteHash = sha256(normaliseInviteCode(body.invite));
      // The invite is checked before the expensive hash, so bogus sign-ups cost a Redis read, not a bcrypt
      // round that would stall everyone's log-ins; the store checks it again, atomically, when it is used.
      if (!(await store.isInviteUsable(inviteHash, now()))) throw inviteInvalid();
      const record = {
        id: newId(),
        pseudonym: pseudonym.value,
        skeleton,
        passHash: await hasher.hash(body.authSecret),
        createdAt: now(),
      };
      const outcome = await store.signUp(inviteHash, record, now());
      if (!outcome.ok && outcome.reason === 'pseudonym-taken') {
        throw new AppError(
          ErrorCode.PSEUDONYM_TAKEN,
          'Somebody already uses this pseudonym or one that looks like it.',
          {
            field: 'pseudonym',
          },
        );
      }
      if (!outcome.ok) throw inviteInvalid();
      const session = await startSession({ ...record, role: outcome.role }, device);
      return { ...session, deviceToken: await trustDevice(record.id, deviceToken) };
    },

    /**
     * `deviceToken` is this browser's device cookie, if any: when the account trusts it, the per-pseudonym
     * throttle does not apply, so the owner gets in from their own browsers whatever an attacker does.
     */
    async logIn(body: LoginBody, device: string, deviceToken?: string): Promise<Authenticated> {
      const skeleton = pseudonymSkeleton(normalisePseudonym(body.pseudonym));
      const account = await store.findAccountBySkeleton(skeleton);
      const client = await knownDevice(deviceToken);
      const attempt: LoginAttempt = {
        pseudonym: skeleton,
        client,
        trusted: !!account && !!client && (await devices.isTrusted(account.id, client, now())),
      };
      const { refusal, alarm } = await limiter.acquire(attempt);
      if (alarm) deps.onLoginAlarm?.();
      if (refusal) throw throttled(refusal);
      // Same work whether or not the account exists, so timing does not tell which pseudonyms are taken.
      const valid = await hasher.verify(body.authSecret, account?.passHash ?? null);
      // A failure stays counted: the slot taken above was counted as one.
      if (!valid || !account) {
        await limiter.failed(attempt);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That pseudonym and passphrase do not match.');
      }
      await limiter.succeeded(attempt);
      if (account.erasing) throw erasing();
      if (await deps.isBanned?.(account.id)) {
        throw new AppError(ErrorCode.BANNED, 'This account is banned from Staffroom.');
      }
      const session = await startSession(account, device);
      return { ...session, deviceToken: await trustDevice(account.id, deviceToken) };
    },

    /**
     * Proves who asks to erase an account the way a log-in does (pseudonym and auth secret, with the same
     * throttles, so it is no better a guessing oracle): the account, or INVALID_CREDENTIALS. An account already
     * being erased passes, so its owner can finish the erasure.
     */
    async proveOwner(pseudonym: string, authSecret: string, deviceToken?: string): Promise<AccountRecord> {
      const skeleton = pseudonymSkeleton(normalisePseudonym(pseudonym));
      const account = await store.findAccountBySkeleton(skeleton);
      const client = await knownDevice(deviceToken);
      const attempt: LoginAttempt = {
        pseudonym: skeleton,
        client,
        trusted: !!account && !!client && (await devices.isTrusted(account.id, client, now())),
      };
      const { refusal, alarm } = await limiter.acquire(attempt);
      if (alarm) deps.onLoginAlarm?.();
      if (refusal) throw throttled(refusal);
      const valid = await hasher.verify(authSecret, account?.passHash ?? null);
      if (!valid || !account) {
        await limiter.failed(attempt);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That pseudonym and passphrase do not match.', {
          field: 'passphrase',
        });
      }
      await limiter.succeeded({ ...attempt, trusted: false });
      return account;
    },

    /** Marks the account as being erased (login and sessions refused from now on); the state that holds. */
    async beginErasure(account: AccountRecord, state: ErasingState): Promise<ErasingState> {
      const held = await store.markErasing(account.id, state);
      if (!held)
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'That pseudonym and passphrase do not match.');
      return held;
    },

    /** Ends every session of an account being erased (sockets close on every node) and forgets its browsers. */
    async endForErasure(accountId: string): Promise<void> {
      await devices.forgetAll(accountId);
      await endSessions(accountId, await store.listSessions(accountId), 'account-erased');
    },

    /** The last step of an erasure: the record, its auth hash, its pseudonym, any session left. */
    async finishErasure(accountId: string): Promise<void> {
      // The log-in throttles are keyed by the pseudonym's skeleton: they go with the account, not minutes later.
      const account = await store.getAccount(accountId);
      if (account) await limiter.forget(account.skeleton);
      await store.deleteAccount(accountId);
    },

    /** Resolves a session token to who is acting, sliding the session's expiry. Null when not valid. */
    async authenticate(token: string | undefined): Promise<Principal | null> {
      if (!token || token.length > 100) return null;
      const tokenHash = sha256(token);
      const session = await store.getSession(tokenHash);
      const at = now();
      if (!session) return null;
      if (session.createdAt + deps.sessionMaxMs <= at) {
        await endSessions(session.accountId, [session], 'expired');
        return null;
      }
      const account = await store.getAccount(session.accountId);
      if (!account || account.erasing || (await deps.isBanned?.(account.id))) return null;
      if (at - session.lastSeenAt >= TOUCH_EVERY_MS)
        await store.touchSession(tokenHash, at, sessionTtl(session, at));
      return {
        accountId: account.id,
        sessionId: session.id,
        tokenHash,
        pseudonym: account.pseudonym,
        role: account.role,
      };
    },

    /**
     * Which of the sessions behind long-lived sockets are still valid, in one store round trip; slides each live
     * one like a request would.
     */
    sessionsAlive(tokenHashes: readonly string[]): Promise<boolean[]> {
      return store.renewSessions(tokenHashes, now(), deps.sessionIdleMs, deps.sessionMaxMs);
    },

    /** The deployment's public passphrase-salt value (made by the first node that asks, then fixed). */
    kdfSalt(): Promise<string> {
      kdfSaltValue ??= store.kdfSalt(randomBytes(32).toString('base64url')).catch((err: unknown) => {
        kdfSaltValue = null; // not cached on failure: the next request asks the store again
        throw err;
      });
      return kdfSaltValue;
    },

    wrapShare: (p: Principal): string => hasher.wrapShare(p.accountId),

    /**
     * Replaces the auth hash and the wrapped private key in one store operation, only if the current secret
     * verifies; then ends every other session of the account (their sockets close on every node). A wrong
     * current secret counts as a failed log-in for the lockout and changes nothing.
     */
    async changePassphrase(p: Principal, body: ChangePassphraseBody): Promise<number> {
      const account = await store.getAccount(p.accountId);
      if (!account) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please log in again.');
      // Guessing the current passphrase from a stolen session is throttled like log-in guesses: per pseudonym,
      // and per session as the "client" (never the anonymous budget that new browsers share).
      const attempt: LoginAttempt = {
        pseudonym: account.skeleton,
        client: `s:${p.sessionId}`,
        trusted: false,
      };
      const { refusal } = await limiter.acquire(attempt);
      if (refusal) throw throttled(refusal);
      if (!(await hasher.verify(body.currentAuthSecret, account.passHash))) {
        await limiter.failed(attempt);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'The current passphrase is not right.', {
          field: 'current',
        });
      }
      await limiter.succeeded(attempt);
      const outcome = await store.changePassphrase(
        account.id,
        account.passHash,
        await hasher.hash(body.newAuthSecret),
        body.keys,
      );
      if (outcome !== 'ok') {
        throw new AppError(
          ErrorCode.CONFLICT,
          outcome === 'stale'
            ? 'Your passphrase was changed elsewhere meanwhile. Nothing was changed here.'
            : 'Your key changed meanwhile (a reset on another device). Nothing was changed: reload and try again.',
        );
      }
      const others = (await store.listSessions(account.id)).filter((s) => s.tokenHash !== p.tokenHash);
      await endSessions(account.id, others, 'passphrase-changed');
      return others.length;
    },

    async me(p: Principal): Promise<Me> {
      const account = await store.getAccount(p.accountId);
      if (!account) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Please log in again.');
      return toMe(account);
    },

    async logOut(p: Principal): Promise<void> {
      const sessions = await store.listSessions(p.accountId);
      await endSessions(
        p.accountId,
        sessions.filter((s) => s.tokenHash === p.tokenHash),
        'logged-out',
      );
    },

    /** Ends every session of an account (a ban from Staffroom); their sockets close on every node. */
    async endAllSessions(accountId: string): Promise<void> {
      await devices.forgetAll(accountId);
      await endSessions(accountId, await store.listSessions(accountId), 'revoked');
    },

    async logOutEverywhere(p: Principal): Promise<number> {
      const sessions = await store.listSessions(p.accountId);
      // A browser someone else used (the reason to log out everywhere) must not keep skipping the throttle.
      await devices.forgetAll(p.accountId);
      await endSessions(p.accountId, sessions, 'logged-out-everywhere');
      return sessions.length;
    },

    async listSessions(p: Principal): Promise<SessionInfo[]> {
      const sessions = await store.listSessions(p.accountId);
      return sessions
        .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
        .map((s) => ({
          id: s.id,
          device: s.device,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          current: s.tokenHash === p.tokenHash,
        }));
    },

    async revokeSession(p: Principal, sessionId: string): Promise<void> {
      const sessions = await store.listSessions(p.accountId);
      const target = sessions.find((s) => s.id === sessionId);
      if (!target) throw new AppError(ErrorCode.NOT_FOUND, 'No such session.');
      await endSessions(p.accountId, [target], 'revoked');
    },

    async createInvite(p: Principal, body: CreateInviteBody): Promise<CreatedInvite> {
      requireAdmin(p);
      const invite = await createInviteRecord(body);
      await deps.audit?.(
        p,
        'create-invite',
        `${invite.role} invite, ${invite.maxUses} use(s)`,
        body.note || 'created',
      );
      return invite;
    },

    async listInvites(p: Principal): Promise<InviteInfo[]> {
      requireAdmin(p);
      const invites = await store.listInvites();
      return invites.sort((a, b) => b.createdAt - a.createdAt).map(toInviteInfo);
    },

    async revokeInvite(p: Principal, id: string): Promise<void> {
      requireAdmin(p);
      if (!(await store.revokeInvite(id))) throw new AppError(ErrorCode.NOT_FOUND, 'No such invite.');
      await deps.audit?.(p, 'revoke-invite', `invite ${id}`, 'revoked');
    },

    /** For the operator's command line: an invite without a logged-in admin. */
    createInviteAsOperator: createInviteRecord,

    /** On a fresh install, the first process to start makes a one-time admin invite; null afterwards. */
    async bootstrapAdminInvite(): Promise<CreatedInvite | null> {
      if (!(await store.claimBootstrap())) return null;
      return createInviteRecord({ role: 'admin', maxUses: 1, expiresInDays: 7 });
    },

    /** For moderation: an account's role (null when there is none), and an account found by pseudonym. */
    roleOf: async (accountId: string) => (await store.getAccount(accountId))?.role ?? null,
    async findByPseudonym(pseudonym: string) {
      const a = await store.findAccountBySkeleton(pseudonymSkeleton(normalisePseudonym(pseudonym)));
      return a ? { id: a.id, pseudonym: a.pseudonym, role: a.role } : null;
    },

    /** For moderation: accounts invited as moderators (bounded), so a coordinator can appoint them by pseudonym. */
    async invitedModerators(): Promise<{ id: string; pseudonym: string }[]> {
      const list = await store.listAccountsByRole('moderator', INVITED_MODERATORS_MAX);
      return list.map((a) => ({ id: a.id, pseudonym: a.pseudonym }));
    },
    pseudonymOf: async (accountId: string) => (await store.getAccount(accountId))?.pseudonym ?? null,

    /** True when an account uses this pseudonym skeleton (groups use it so an alias cannot impersonate). */
    isPseudonymTaken: (skeleton: string) => store.isPseudonymTaken(skeleton),

    ping: () => store.ping(),
  };
}

/** How many accounts invited as moderators a coordinator is offered at most. */
const INVITED_MODERATORS_MAX = 200;

function erasing(): AppError {
  return new AppError(
    ErrorCode.ACCOUNT_ERASING,
    'This account is being erased. Finish erasing it with the same passphrase; it cannot be used any more.',
  );
}

function inviteInvalid(): AppError {
  return new AppError(
    ErrorCode.INVITE_INVALID,
    'This invite code is not valid: it may have expired or been used up.',
    { field: 'invite' },
  );
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const waitText = (ms: number) =>
  ms < 60_000
    ? plural(Math.max(1, Math.ceil(ms / 1000)), 'second')
    : plural(Math.ceil(ms / 60_000), 'minute');

/** A refused attempt: nothing was evaluated, so it tells nothing about the passphrase. */
function throttled(refusal: LoginRefusal): AppError {
  const { retryAfterMs } = refusal;
  if (refusal.scope === 'successes') {
    return new AppError(
      ErrorCode.RATE_LIMITED,
      `You have logged in many times in a short while. Try again in ${waitText(retryAfterMs)}.`,
      { retryAfterMs },
    );
  }
  if (refusal.scope === 'pseudonym') {
    return new AppError(
      ErrorCode.LOCKED_OUT,
      `Too many failed attempts. This pseudonym is locked for ${waitText(retryAfterMs)}. ` +
        'A browser you have logged in from before is not held back.',
      { retryAfterMs },
    );
  }
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many failed log-ins from here. Try again in ${waitText(retryAfterMs)}.`,
    { retryAfterMs },
  );
}

export type AccountService = ReturnType<typeof createAccountService>;
