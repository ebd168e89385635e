import type { z } from 'zod';
import { ErrorCode, type ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { Ack } from '@staffroom/shared/protocol/ack';

/** An error whose code and message are safe to show to the user. Anything else becomes `INTERNAL`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Omit<ErrorInfo, 'code' | 'message'> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Store errors from ioredis when Redis is down or slow; the user sees UNAVAILABLE and can retry. */
function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|ECONNREFUSED|ECONNRESET|Command timed out|Stream isn't writeable|LOADING/.test(
      err.message,
    )
  );
}

/** Maps any thrown value to what the user may see. Unexpected errors are reported to `onUnexpected`. */
export function toErrorInfo(err: unknown, onUnexpected: (err: unknown) => void): ErrorInfo {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...err.details };
  if (isStoreUnavailable(err)) {
    return {
      code: ErrorCode.UNAVAILABLE,
      message: 'The service is briefly unavailable. Nothing was changed; try again.',
    };
  }
  onUnexpected(err);
  return { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side. Nothing was changed.' };
}

export function toAck<T>(err: unknown, onUnexpected: (err: unknown) => void): Ack<T> {
  return { ok: false, error: toErrorInfo(err, onUnexpected) };
}

/**
 * Validates untrusted input against a shared schema, or throws `INVALID_PAYLOAD` naming the first bad field.
 * Messages name the field and the rule, never echo the value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const what = field ? `"${field}": ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid input');
  throw new AppError(ErrorCode.INVALID_PAYLOAD, `Invalid request ${what}.`, field ? { field } : {});
}
