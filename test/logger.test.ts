import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLogger, LinesPerTurn } from '../src/logger.js';

function recordingOutput(): { writes: string[]; output: Writable } {
  const writes: string[] = [];
  return { writes, output: new Writable({ write: (chunk, _, done) => done(void writes.push(String(chunk))) }) };
}

describe('log lines on standard output', () => {
  it('writes the lines logged in one turn of the event loop together, in order, once the turn ends', async () => {
    const { writes, output } = recordingOutput();
    const logger = createLogger('info', new LinesPerTurn(output));
    logger.info('first');
    logger.info('second');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(
      writes[0]
        ?.split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { msg: string }).msg),
    ).toEqual(['first', 'second']);
  });

  it('writes what is pending at once when the logger is flushed', () => {
    const { writes, output } = recordingOutput();
    const logger = createLogger('info', new LinesPerTurn(output));
    logger.info('before exit');
    logger.flush();
    expect(writes.join('')).toContain('"msg":"before exit"');
  });
});
