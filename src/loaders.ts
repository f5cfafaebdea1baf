// Per-request dataloaders. They live on the request's context (context.loaders), so a request never sees
// another's answers, and each domain keeps its loader next to its type.
//
// Which layer removes which duplicate call: a loader batches the keys its fields ask for in one tick and
// remembers each key for the rest of the request, so a repeated key never reaches its batch (one upstream
// call per distinct key). Reads made outside loaders (the workflows') are remembered by the transport's
// memo of the request. A write of the request makes both forget: the memo drops the paths the write
// changes, and every loader of the request is cleared (RequestLoaders.forget), so nothing reads back stale.
import DataLoader from 'dataloader';
import type { Context } from './context.js';

/** How many kinds of loader there are: each kind has its place in every request's loaders. */
let kinds = 0;

/** A loader created once per request context, batching and remembering its keys for the request. */
export function requestLoader<K, V, C = K>(
  batch: (keys: readonly K[], context: Context) => Promise<readonly (V | Error)[]>,
  options?: DataLoader.Options<K, V, C>,
): (context: Context) => DataLoader<K, V, C> {
  const kind = kinds++;
  const make = (context: Context) => new DataLoader<K, V, C>((keys) => batch(keys, context), options);
  return (context) => context.loaders.get(kind, make, context);
}

/**
 * A batch function for an upstream with no batch endpoint: one call per key (the loader has already
 * removed repeated keys), all at once, each result (or its error) in its key's place.
 */
export function eachKey<K, V>(load: (key: K, context: Context) => Promise<V>) {
  const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
  // A load that throws before its promise (a path template refusing a value) fails its key alone, like one that rejects.
  const settle = (key: K, context: Context): Promise<V | Error> => {
    try {
      return load(key, context).catch(asError);
    } catch (error) {
      return Promise.resolve(asError(error));
    }
  };
  return (keys: readonly K[], context: Context): Promise<(V | Error)[]> => Promise.all(keys.map((key) => settle(key, context)));
}
