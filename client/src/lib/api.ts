import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { SupportResource } from '@staffroom/shared/schemas/messages';

/** An error answer from the API (or no answer at all), with what the UI needs to place and word it. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    /** The form field a validation error is about. */
    readonly field?: string,
    readonly retryAfterMs?: number,
    /** Crisis contacts the answer carries (a text that suggests risk, even when it was not accepted). */
    readonly support?: SupportResource[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  field?: unknown;
  retryAfterMs?: unknown;
  support?: unknown;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

let onUnauthenticated: (() => void) | null = null;

/** Called when a request answers 401 UNAUTHENTICATED: the session ended behind our back. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function toApiError(status: number, body: ErrorBody | null): ApiError {
  const code =
    typeof body?.error === 'string' && KNOWN_CODES.has(body.error) ? (body.error as ErrorCode) : null;
  const message =
    typeof body?.message === 'string' ? body.message : 'Something went wrong. Please try again.';
  const field = typeof body?.field === 'string' ? body.field : undefined;
  const retryAfterMs = typeof body?.retryAfterMs === 'number' ? body.retryAfterMs : undefined;
  const support = SupportResource.array().min(1).safeParse(body?.support);
  return new ApiError(
    code ?? ErrorCode.INTERNAL,
    message,
    status,
    field,
    retryAfterMs,
    support.success ? support.data : undefined,
  );
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Calls the same-origin JSON API. The session cookie is httpOnly and travels by itself; state-changing requests
 * send `content-type: application/json`, which the server requires. Throws `ApiError` on any failure.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    throw new ApiError(
      ErrorCode.UNAVAILABLE,
      'Staffroom cannot be reached. Check your connection and try again.',
      0,
    );
  }
  const data = await readJson(res);
  if (res.ok) return data as T;
  const error = toApiError(res.status, data as ErrorBody | null);
  if (error.code === ErrorCode.UNAUTHENTICATED) onUnauthenticated?.();
  throw error;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};
