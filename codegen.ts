// GraphQL Code Generator: typed documents for the operations the tests send, checked against the committed SDL.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { scalars: { DateTime: 'string' }, useTypeImports: true, enumsAsTypes: true },
    },
  },
  emitLegacyCommonJSImports: false,
};

export default config;
