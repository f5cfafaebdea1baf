// Per-request dataloaders. They live on the request's context (Pothos' createContextCache), so a
// request never sees another's answers, and each domain keeps its loader next to its type.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from './context.js';

/**
 * A loader created once per request context. It batches; it does not cache: the request's clients
 * remember what they read and forget what a write changes, so no resolver clears another's loader.
 */
export function requestLoader<K, V, C = K>(
  batch: (keys: readonly K[], context: Context) => Promise<readonly (V | Error)[]>,
  options?: DataLoader.Options<K, V, C>,
): (context: Context) => DataLoader<K, V, C> {
  return createContextCache((context: Context) => new DataLoader<K, V, C>((keys) => batch(keys, context), { ...options, cache: false }));
}

/**
 * A batch function for an upstream with no batch endpoint: one call per distinct key, all at once,
 * each result (or its error) in its key's place.
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
