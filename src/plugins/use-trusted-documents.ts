// Trusted documents: operations sent by their hash from a manifest (`npm run codegen` writes one
// from the repository's operations); any other operation is refused unless the setting allows it.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import type { Config } from '../config.js';

const manifestSchema = z.record(z.string(), z.string());
const withoutAlgorithm = (hash: string) => hash.replace(/^sha256:/, '');

export function useTrustedDocuments(setting: NonNullable<Config['trustedDocuments']>): Plugin {
  // Keys may carry the algorithm ("sha256:…", as codegen writes them); clients may send either form.
  const entries = Object.entries(manifestSchema.parse(JSON.parse(readFileSync(setting.manifest, 'utf8'))));
  const manifest = new Map(entries.map(([hash, document]) => [withoutAlgorithm(hash), document]));
  return usePersistedOperations({
    getPersistedOperation: (hash: string) => manifest.get(hash) ?? null,
    allowArbitraryOperations: setting.allowArbitrary,
    extractPersistedOperationId: (params: { extensions?: Record<string, unknown>; documentId?: unknown }) => {
      const persisted = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      const id = params.documentId ?? persisted?.sha256Hash;
      return typeof id === 'string' ? withoutAlgorithm(id) : null;
    },
  });
}
