// One intent, one write, across a client's retries too: a mutation sent with an `Idempotency-Key` header
// (draft-ietf-httpapi-idempotency-key-header) runs once per key and caller. Its outcome, data and errors,
// is kept (IDEMPOTENCY_TTL_MS, in Redis with REDIS_URL, so every instance answers the same) with a
// fingerprint of the request; a retry with the same key and request gets that outcome again without
// calling any upstream, one that arrives while the first still runs waits for it, and the same key with
// another request is refused. A mutation without the header runs as it always did.
import { createHash } from 'node:crypto';
import { getDocumentString } from '@envelop/core';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, type GraphQLFormattedError, print } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { SharedStore } from '../workflows/shared-state.js';
import { operationOf } from './operation.js';

const header = 'Idempotency-Key';
const maxKeyLength = 255;

interface Running {
  state: 'running';
  fingerprint: string;
  since: number;
}
interface Done {
  state: 'done';
  fingerprint: string;
  result: { data?: unknown; errors?: GraphQLFormattedError[] };
}
type Entry = Running | Done;

/** JSON with object keys in order, so the same variables always make the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The first outcome again, as errors a client reads the same way: message, path, locations and extensions. */
function replayed(result: Done['result']): ExecutionResult {
  const errors = result.errors?.map((e) => {
    const error = createGraphQLError(e.message, { path: e.path, extensions: e.extensions });
    if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
    return error;
  });
  return { ...(result.data !== undefined ? { data: result.data as ExecutionResult['data'] } : {}), ...(errors ? { errors } : {}) };
}

function refusal(message: string, code: string, status: number): ExecutionResult {
  return { errors: [createGraphQLError(message, { extensions: { code, header, http: { status } } })] };
}

/** Where the outcomes of keyed mutations are kept in the shared store. */
export const idempotencyPrefix = 'idempotency:';

export interface IdempotencyOptions {
  store: SharedStore;
  ttlMs: number;
  /** How long a retry waits for the first request to finish; a first one older than this is taken as gone. */
  waitMs: number;
}

/**
 * Put it before the plugins that run or wrap execution (compiled execution, admission, the response
 * cache): a replay stops there, so it takes no admission slot and invalidates nothing. The outcome is kept
 * when the result is final (onResultProcess), after every other plugin has shaped it.
 */
export function useIdempotency({ store, ttlMs, waitMs }: IdempotencyOptions): Plugin<Context> {
  /** The requests that run a keyed mutation, with the store key and running entry they hold. */
  const owners = new WeakMap<Request, { key: string; running: string; fingerprint: string }>();
  const replays = new WeakSet<Request>();

  /** The entry once the first request is done, or undefined if it is still running after `waitMs`. */
  const awaitDone = async (key: string, entry: Entry): Promise<Done | undefined> => {
    let current: Entry | undefined = entry;
    let pause = 20;
    while (current?.state === 'running' && Date.now() - current.since < waitMs) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 500);
      const value = await store.get(key);
      current = value === null ? undefined : (JSON.parse(value) as Entry);
    }
    return current?.state === 'done' ? current : undefined;
  };

  /** Claims the key for this request, or ends it with the first outcome or a refusal. */
  const claim = async (
    args: ExecutionArgs & { contextValue: Context },
    sent: string,
    setResultAndStopExecution: (result: ExecutionResult) => void,
  ): Promise<void> => {
    const { request, principal } = args.contextValue;
    if (sent.length === 0 || sent.length > maxKeyLength) {
      setResultAndStopExecution(refusal(`The ${header} header must be 1 to ${maxKeyLength} characters`, 'BAD_USER_INPUT', 400));
      return;
    }
    const key = `${idempotencyPrefix}${digest(`${principal.subject ?? ''}\n${sent}`)}`;
    const fingerprint = digest(
      `${getDocumentString(args.document, print)}\n${args.operationName ?? ''}\n${canonical(args.variableValues ?? {})}`,
    );
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const running = JSON.stringify({ state: 'running', fingerprint, since: Date.now() } satisfies Running);
      if (await store.setIfAbsent(key, running, ttlMs)) {
        owners.set(request, { key, running, fingerprint });
        return;
      }
      const value = await store.get(key);
      if (value === null) continue; // expired between the two reads
      const entry = JSON.parse(value) as Entry;
      if (entry.fingerprint !== fingerprint) {
        setResultAndStopExecution(
          refusal(
            `The ${header} header was first sent with another request (document, operation or variables); use a new key for a new request`,
            'BAD_USER_INPUT',
            422,
          ),
        );
        return;
      }
      const done = await awaitDone(key, entry);
      if (!done) {
        setResultAndStopExecution(
          refusal(
            `A request with this ${header} is still running, or stopped before it answered: its outcome is not known yet; ask again later`,
            'CONFLICT',
            409,
          ),
        );
        return;
      }
      replays.add(request);
      setResultAndStopExecution(replayed(done.result));
      return;
    }
    // The key kept expiring between our writes and reads: never run unprotected.
    setResultAndStopExecution(refusal(`The ${header} could not be taken; ask again`, 'CONFLICT', 409));
  };

  // Hooks that do not apply return nothing, not a resolved promise: one promise makes Envelop run every
  // later hook of the phase, and execution itself, through promise reactions.
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const sent = args.contextValue.request.headers.get(header);
      if (sent === null || operationOf(args).type !== 'mutation') return undefined;
      return claim(args, sent, setResultAndStopExecution);
    },
    onResultProcess({ request, result }) {
      const owner = owners.get(request);
      if (!owner || Symbol.asyncIterator in result || Array.isArray(result)) return undefined;
      owners.delete(request);
      const formatted = result.errors?.map((e) => (e instanceof GraphQLError ? e.toJSON() : (e as GraphQLFormattedError)));
      const done: Done = {
        state: 'done',
        fingerprint: owner.fingerprint,
        result: { data: result.data, ...(formatted ? { errors: formatted } : {}) },
      };
      return store.replaceIf(owner.key, owner.running, JSON.stringify(done), ttlMs).then(() => undefined);
    },
    onResponse({ request, response }) {
      if (replays.has(request)) response.headers.set('idempotent-replayed', 'true');
    },
  };
}
