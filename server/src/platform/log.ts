import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one structured logger. Log ids, codes and counts only: never payloads, message text, passphrases, tokens,
 * cookies or IP addresses. The redaction list is a second line of defence, not permission to log objects.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'staffroom', pid: process.pid },
    redact: {
      paths: [
        'passphrase',
        '*.passphrase',
        'token',
        '*.token',
        'cookie',
        '*.cookie',
        'headers',
        '*.headers',
        'text',
        '*.text',
        'ip',
        '*.ip',
        'remoteAddress',
        '*.remoteAddress',
      ],
      censor: '[redacted]',
    },
    serializers: { err: pino.stdSerializers.err },
  });
}
