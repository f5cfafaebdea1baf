// The process's pino logger. Credentials never reach it: upstream headers are not logged, and the
// paths that could carry them are redacted as a second guard. Lines about a request come from a
// child logger that carries its requestId (see yoga.ts).
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  // Standard output, written asynchronously in batches: a write per line would cost the event loop a syscall each.
  return pino(
    {
      level,
      base: { service: 'switchboard' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.token', '*.secret'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
