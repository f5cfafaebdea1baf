// Which layer removes duplicate calls: a request's loader sends each distinct key to its batch once, and
// remembers it for the request until the request writes.
import { describe, expect, it, vi } from 'vitest';
import type { Context } from '../src/context.js';
import { requestLoader } from '../src/loaders.js';
import { RequestLoaders } from '../src/request-loaders.js';

const request = () => ({ loaders: new RequestLoaders() }) as unknown as Context;

describe('a request loader', () => {
  it('sends repeated keys of one tick to its batch once, by their cache key', async () => {
    const batch = vi.fn(async (keys: readonly { id: string }[]) => keys.map((k) => k.id));
    const byId = requestLoader(batch, { cacheKeyFn: (k) => k.id });
    const context = request();
    const loaded = await Promise.all([{ id: 'a' }, { id: 'a' }, { id: 'b' }].map((k) => byId(context).load(k)));
    expect(loaded).toEqual(['a', 'a', 'b']);
    expect(batch).toHaveBeenCalledOnce();
    expect(batch.mock.calls[0]?.[0]).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('remembers a key for the rest of the request, and forgets it when the request writes', async () => {
    const batch = vi.fn(async (keys: readonly string[]) => [...keys]);
    const byId = requestLoader(batch);
    const context = request();
    await byId(context).load('a');
    await byId(context).load('a');
    expect(batch).toHaveBeenCalledTimes(1);
    context.loaders.forget();
    await byId(context).load('a');
    expect(batch).toHaveBeenCalledTimes(2);
  });

  it('is not shared between requests', async () => {
    const batch = vi.fn(async (keys: readonly string[]) => [...keys]);
    const byId = requestLoader(batch);
    await byId(request()).load('a');
    await byId(request()).load('a');
    expect(batch).toHaveBeenCalledTimes(2);
  });
});
