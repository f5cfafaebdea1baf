// The dataloaders of one request, kept together so that a write of the request clears what they remember.
import type DataLoader from 'dataloader';

/** The loaders one request has made, so that a write of the request can clear them all. */
export class RequestLoaders {
  private readonly loaders: DataLoader<unknown, unknown, unknown>[] = [];

  add<K, V, C>(loader: DataLoader<K, V, C>): DataLoader<K, V, C> {
    this.loaders.push(loader as DataLoader<unknown, unknown, unknown>);
    return loader;
  }

  /** Clears what every loader of the request remembers: called when the request writes to an upstream. */
  forget(): void {
    for (const loader of this.loaders) loader.clearAll();
  }
}
