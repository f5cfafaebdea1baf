// The limits a caller meets, in one place so the README, the armor plugin and the tests agree.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

export const queryLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 5_000,
} as const;

/** graphql-armor: depth, aliases, tokens, directives and cost; field suggestions never leak the schema. */
export function useQueryLimits() {
  return EnvelopArmorPlugin({
    maxDepth: { n: queryLimits.maxDepth },
    maxAliases: { n: queryLimits.maxAliases },
    maxTokens: { n: queryLimits.maxTokens },
    maxDirectives: { n: queryLimits.maxDirectives },
    costLimit: { maxCost: queryLimits.maxCost },
    blockFieldSuggestion: { enabled: true },
  });
}
