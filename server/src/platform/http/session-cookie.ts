import type { Request, Response } from 'express';
import { parse } from 'cookie';

/** `__Host-` pins the cookie to this host and path and requires Secure, so it is used only over TLS. */
const SECURE_NAME = '__Host-sr_session';
const PLAIN_NAME = 'sr_session';
/** The trusted-device token: outlives sessions (log-out keeps it), so this browser stays known to the throttle. */
const DEVICE_SECURE_NAME = '__Host-sr_device';
const DEVICE_PLAIN_NAME = 'sr_device';

export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parse(cookieHeader);
  return cookies[SECURE_NAME] ?? cookies[PLAIN_NAME];
}

export function readDeviceToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parse(cookieHeader);
  return cookies[DEVICE_SECURE_NAME] ?? cookies[DEVICE_PLAIN_NAME];
}

const isSecure = (req: Request, secureSetting: string) =>
  secureSetting === 'true' || (secureSetting === 'auto' && req.secure);

export function setDeviceCookie(
  res: Response,
  req: Request,
  token: string,
  secureSetting: string,
  maxAgeMs: number,
): void {
  const secure = isSecure(req, secureSetting);
  res.cookie(secure ? DEVICE_SECURE_NAME : DEVICE_PLAIN_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function setSessionCookie(res: Response, req: Request, token: string, secureSetting: string): void {
  const secure = isSecure(req, secureSetting);
  res.cookie(secure ? SECURE_NAME : PLAIN_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SECURE_NAME, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
  res.clearCookie(PLAIN_NAME, { path: '/', httpOnly: true, sameSite: 'strict' });
}

/** A coarse device label for the sessions list; the user agent string itself is never stored. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown system';
  return userAgent ? `${browser} on ${os}` : 'App';
}
