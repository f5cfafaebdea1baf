// The dataloaders of one request, kept together so that a write of the request clears what they remember.
import type DataLoader from 'dataloader';

/**
 * The loaders one request has made, each in the place its kind was given (requestLoader), so that a write
 * of the request can clear them all. Places in an array, not entries in a WeakMap keyed by the request's
 * context: a young key in a long-lived WeakMap is work for every young-generation collection.
 */
export class RequestLoaders {
  private readonly loaders: (DataLoader<unknown, unknown, unknown> | undefined)[] = [];

  /** The request's loader in place `index`, made by `make(from)` the first time it is asked for. */
  get<K, V, C, F>(index: number, make: (from: F) => DataLoader<K, V, C>, from: F): DataLoader<K, V, C> {
    let loader = this.loaders[index] as DataLoader<K, V, C> | undefined;
    if (loader === undefined) {
      loader = make(from);
      this.loaders[index] = loader as DataLoader<unknown, unknown, unknown>;
    }
    return loader;
  }

  /** Clears what every loader of the request remembers: called when the request writes to an upstream. */
  forget(): void {
    for (const loader of this.loaders) loader?.clearAll();
  }
}
