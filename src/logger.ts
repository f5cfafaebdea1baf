// The process's pino logger. Credentials never reach it: upstream headers are not logged (the secrets
// test reads every line at trace, unredacted), and an authorization header is redacted as a second
// guard. No wildcard paths: pino redacts a `*.x` path by cloning and serialising every top-level value
// of every line (docs/performance.md has what that cost).
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
 * A person at a terminal reads coloured lines (pino-pretty); anything else gets JSON lines, written
 * synchronously once per turn of the event loop, so an operation costs no system call of its own.
 * sonic-boom's own batching (minLength) is no substitute: it measures its growing batch string with
 * Buffer.byteLength on every line, flattening and copying it each time.
 */
function standardOutput(): DestinationStream {
  if (process.stdout.isTTY) {
    // Loaded only for a terminal: a server's output is not one.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    return pretty({ colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service' });
  }
  stdoutLines ??= new LinesPerTurn(pino.destination({ sync: true }));
  return stdoutLines;
}

/** One per process, as standard output is; every logger writing JSON to it shares it. */
let stdoutLines: LinesPerTurn | undefined;

/** Lines logged in one turn of the event loop, written together (by a synchronous SonicBoom) when it ends, or on exit. */
export class LinesPerTurn implements DestinationStream {
  private lines: string[] = [];
  private scheduled = false;
  private readonly writeAll = (): void => {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const text = this.lines.length === 1 ? (this.lines[0] as string) : this.lines.join('');
    this.lines = [];
    this.output.write(text);
  };

  constructor(private readonly output: DestinationStream) {
    // A line logged in the turn that exits (a fatal error's, say) is still written.
    process.on('exit', this.writeAll);
  }

  write(line: string): void {
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.writeAll);
    }
  }

  /** pino's logger.flush(): what is pending, now. */
  flush(done?: (error?: Error) => void): void {
    this.writeAll();
    done?.();
  }
}

/** Yoga's log calls, into pino; the message is only built when the level is on (Yoga logs on every request at debug). */
export function yogaLogging(logger: Logger) {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (logger.isLevelEnabled(level)) logger[level](args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
