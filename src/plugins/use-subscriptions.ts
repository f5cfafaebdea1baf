// Subscriptions one instance holds are bounded (MAX_SUBSCRIPTIONS), and they start in turn. Each holds a
// connection, a watch and its timers for as long as its client wants, so past the bound a new one is
// refused at once with an error naming the limit. Starting one (its first read, its first event) is the
// costly part, so a few start at a time and the rest wait their turn: a burst of them leaves the event
// loop free between starts for /health and for queries.
import { isAsyncIterable, type Plugin } from '@envelop/core';
import { createGraphQLError } from 'graphql-yoga';

/** Subscriptions starting at once; more wait for one of these to produce its first event. */
const startingAtOnce = 8;

/** The stream, telling its first step and, once, its end: completed, failed, or closed by its client. */
function tracked<T>(source: AsyncIterable<T>, onFirst: () => void, onEnd: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () =>
      iterator.next().then(
        (step) => {
          onFirst();
          if (step.done) onEnd();
          return step;
        },
        (error: unknown) => {
          onEnd();
          throw error;
        },
      ),
    return: (value?: unknown) => {
      onEnd();
      return iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined as T });
    },
    throw: (error?: unknown) => {
      onEnd();
      return iterator.throw?.(error) ?? Promise.reject(error);
    },
  };
}

export function useSubscriptions(max: number): Plugin {
  let open = 0;
  let starting = 0;
  const waiting: (() => void)[] = [];
  const started = () => {
    const next = waiting.shift();
    if (next) next();
    else starting -= 1;
  };
  return {
    async onSubscribe({ setResultAndStopExecution }) {
      if (open >= max) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(`The gateway holds as many open subscriptions as it allows (MAX_SUBSCRIPTIONS, ${max}); try again later`, {
              extensions: { code: 'OVERLOADED', limit: 'MAX_SUBSCRIPTIONS' },
            }),
          ],
        });
        return undefined;
      }
      // Its place is taken now, before it resolves, so a burst cannot overshoot the bound.
      open += 1;
      if (starting < startingAtOnce) starting += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let first = true;
      let live = true;
      const onFirst = () => {
        if (!first) return;
        first = false;
        started();
      };
      const onEnd = () => {
        onFirst();
        if (!live) return;
        live = false;
        open -= 1;
      };
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(tracked(result, onFirst, onEnd));
          else onEnd();
        },
        onSubscribeError: onEnd,
      };
    },
  };
}
