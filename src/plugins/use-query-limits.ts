// The query limits a caller meets (graphql-armor), in one place so the README, the plugin and the tests agree.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';

export const queryLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 5_000,
} as const;

type Limit = keyof typeof queryLimits;

/** Armor's rejections carry no code or status; give them ours, so a client can tell which limit and gets a 400. */
const marked = (limit: Limit) => ({
  onReject: [
    (_: unknown, error: GraphQLError) => {
      Object.assign(error.extensions, { code: 'QUERY_LIMIT_EXCEEDED', limit, http: { status: 400 } });
    },
  ],
});

/** graphql-armor: depth, aliases, tokens, directives and cost. */
export function useQueryLimits() {
  return EnvelopArmorPlugin({
    maxDepth: { n: queryLimits.maxDepth, ...marked('maxDepth') },
    // Every alias counts, `__typename` too (armor leaves it out by default): each is work the gateway does.
    maxAliases: { n: queryLimits.maxAliases, allowList: [], ...marked('maxAliases') },
    maxTokens: { n: queryLimits.maxTokens, ...marked('maxTokens') },
    maxDirectives: { n: queryLimits.maxDirectives, ...marked('maxDirectives') },
    costLimit: { maxCost: queryLimits.maxCost, ...marked('maxCost') },
    // Suggestions are cut from every error, not only from validation's field errors: see use-no-suggestions.ts.
    blockFieldSuggestion: { enabled: false },
  });
}
