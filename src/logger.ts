// The process's pino logger. Credentials never reach it: upstream headers are not logged (the secrets
// test reads every line at trace, unredacted), and an authorization header is redacted as a second
// guard. No wildcard paths: pino redacts a `*.x` path by cloning and serialising every top-level value
// of every line, which was a tenth of the dashboard's allocations (npm run bench -- --alloc).
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'switchboard' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    },
    destination ?? standardOutput(),
  );
}

/**
 * A person at a terminal reads coloured lines (pino-pretty); anything else gets JSON, a synchronous
 * write per line, pino's own default, so no line is lost when the process dies. Batching lines in 8 KB
 * (sonic-boom's minLength) cost a tenth of the dashboard's throughput: sonic-boom measures its growing
 * batch string with Buffer.byteLength on every line, which flattens and copies it each time (npm run
 * bench, same run: 821 ops/s batched, 945 a write per line, 910 silent).
 */
function standardOutput(): DestinationStream {
  if (process.stdout.isTTY) {
    // Loaded only for a terminal: a server's output is not one.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    return pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' });
  }
  return pino.destination({ sync: true });
}
